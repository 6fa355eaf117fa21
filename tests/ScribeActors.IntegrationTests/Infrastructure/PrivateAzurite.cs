using System.Diagnostics;
using System.Net.Sockets;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Infrastructure;

/// <summary>An Azurite of this test alone (in memory, free ports), for tests that must see every container and table of
/// the storage account they used without other tests' data in it. Started from the repository's pinned Azurite; killed
/// by its process id on dispose.</summary>
public sealed class PrivateAzurite : IAsyncDisposable
{
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private PrivateAzurite(Process process, int blob, int queue, int table)
    {
        _process = process;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/{Account};QueueEndpoint=http://127.0.0.1:{queue}/{Account};TableEndpoint=http://127.0.0.1:{table}/{Account};";
    }

    public string ConnectionString { get; }

    public static async Task<PrivateAzurite> StartAsync()
    {
        var entry = Path.Combine(SiloProcess.RepoRoot(), "Azurite", "node_modules", "azurite", "dist", "src", "azurite.js");
        Assert.True(File.Exists(entry), $"The pinned Azurite is not installed at {entry}: run `./scribe.sh setup` (npm ci in Azurite/).");
        var (blob, queue, table) = (SiloProcess.FreeTcpPort(), SiloProcess.FreeTcpPort(), SiloProcess.FreeTcpPort());
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            entry, "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(), "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(), "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent", "--loose",
        })
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("node is not installed; the private Azurite needs Node.js (./scribe.sh setup installs it).", e);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new PrivateAzurite(process, blob, queue, table);
        var clock = Stopwatch.StartNew();
        foreach (var port in new[] { blob, queue, table })
        {
            while (!await AnswersAsync(port))
            {
                if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(30))
                {
                    await azurite.DisposeAsync();
                    Assert.Fail($"The private Azurite ({entry}) did not open port {port} within 30 s.");
                }

                await Task.Delay(100);
            }
        }

        return azurite;
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
