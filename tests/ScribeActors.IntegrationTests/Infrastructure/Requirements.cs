using System.Net.Sockets;

namespace ScribeActors.IntegrationTests.Infrastructure;

/// <summary>Real dependencies these tests need. A missing one FAILS the test with a message saying how to provide it.</summary>
public static class Requirements
{
    public const string AzuriteConnectionString = Silo.ScribeStorageOptions.AzuriteConnectionString;

    public static async Task AzuriteAsync()
    {
        foreach (var port in new[] { 10000, 10002 })
        {
            using var tcp = new TcpClient();
            try
            {
                await tcp.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(3));
            }
            catch (Exception e) when (e is SocketException or TimeoutException)
            {
                Assert.Fail($"Azurite is not running on 127.0.0.1:{port}. Start it with `Azurite/start.sh --in-memory --background` or run every test with `./scribe.sh test`.");
            }
        }
    }

    public static void Chromium()
    {
        Assert.True(File.Exists("/usr/bin/chromium"),
            "Chromium is not installed at /usr/bin/chromium: install it with `apt-get install -y chromium` (./scribe.sh test does).");
    }

    public static int FreeTcpPort() => Testing.SiloProcess.FreeTcpPort();

    public static string RepoRoot() => Testing.SiloProcess.RepoRoot();
}
