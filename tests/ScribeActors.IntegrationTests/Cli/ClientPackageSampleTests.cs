using System.Diagnostics;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;
using Xunit.Abstractions;

namespace ScribeActors.IntegrationTests.Cli;

/// <summary>The client SDK as a business app consumes it: the packed ScribeActors.Client and ScribeActors.Abstractions
/// packages, restored into a fresh console app outside the repository (none of its build settings), which runs a replay
/// workflow to success on a real silo and, with the host's default console logging, prints no Orleans chatter.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class ClientPackageSampleTests(ITestOutputHelper output)
{
    private const string Program = """
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using ScribeActors.Abstractions;
        using ScribeActors.Client;
        using ScribeActors.Client.Hosting;

        var builder = Host.CreateApplicationBuilder();
        builder.AddScribeClient(o =>
        {
            o.ConnectionString = args[0];
            o.ClusterId = o.ServiceId = args[1];
        });
        using var host = builder.Build();
        await host.StartAsync();
        var scribe = host.Services.GetRequiredService<ScribeClient>();
        var recording = new RecordedWorkflow
        {
            Objective = "Open the portal",
            StartUrl = args[2],
            Steps = [new RecordedStep { Index = 1, Description = "Done", Action = StepActions.Finish }],
        };
        var started = await scribe.StartAsync(new WorkflowSpec { Objective = recording.Objective, StartUrl = args[2], StepSource = StepSourceSpec.ForReplay(recording) });
        var done = await scribe.WaitForCompletionAsync(started.Id);
        Console.WriteLine($"sample: {done.Id} {done.Status}");
        await host.StopAsync();
        return done.Status == WorkflowStatus.Succeeded ? 0 : 1;
        """;

    [Fact]
    public async Task SampleApp_PackedClientPackage_RunsAReplayWorkflowQuietly()
    {
        Requirements.Chromium();
        await using var world = await DemoWorld.StartAsync();
        await using var silo = await TestSilo.StartAsync();
        var work = Directory.CreateTempSubdirectory("scribe-sample-");
        try
        {
            var feed = Directory.CreateDirectory(Path.Combine(work.FullName, "feed")).FullName;
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            foreach (var project in new[] { "ScribeActors.Abstractions", "ScribeActors.Client" })
            {
                var pack = await DotnetAsync(SiloProcess.RepoRoot(), null, "pack", Path.Combine("src", project), "-c", configuration, "--no-build", "-nologo", "-o", feed);
                Assert.True(pack.Code == 0, $"dotnet pack {project}: exit {pack.Code}\n{pack.Output}");
            }

            var app = Directory.CreateDirectory(Path.Combine(work.FullName, "app")).FullName;
            await WriteAppAsync(app, feed);
            // Packages restored here, not into the machine's cache, which only serves the third-party packages as a fallback.
            var packages = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work.FullName, "packages") };
            string[] sampleArgs = ["run", "--", Requirements.AzuriteConnectionString, silo.ServiceId, new Uri(world.Sites.BaseUrl, "supplier/login").AbsoluteUri];
            var run = await DotnetAsync(app, packages, sampleArgs);

            Assert.True(run.Code == 0, $"sample app: exit {run.Code}\n{run.Output}");
            Assert.Matches(@"sample: \S+ Succeeded", run.Output);
            Assert.DoesNotContain("info: Orleans", run.Output, StringComparison.Ordinal);

            // The app's own logging settings win: asked for, Orleans' Information lines are there.
            var chatty = await DotnetAsync(app, new Dictionary<string, string>(packages) { ["Logging__LogLevel__Orleans"] = "Information" }, sampleArgs);
            Assert.True(chatty.Code == 0, $"sample app: exit {chatty.Code}\n{chatty.Output}");
            Assert.Contains("info: Orleans", chatty.Output, StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task WriteAppAsync(string app, string feed)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="feed" value="{feed}" /></packageSources>
              <fallbackPackageFolders><add key="cache" value="{cache}" /></fallbackPackageFolders>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "sample.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
                <PackageReference Include="ScribeActors.Client" Version="1.0.0" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), Program);
    }

    private async Task<(int Code, string Output)> DotnetAsync(string directory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', args)} did not finish within 5 minutes");
        }

        var text = await stdout + await stderr;
        output.WriteLine($"dotnet {string.Join(' ', args)}: exit {process.ExitCode}\n{text}");
        return (process.ExitCode, text);
    }
}
