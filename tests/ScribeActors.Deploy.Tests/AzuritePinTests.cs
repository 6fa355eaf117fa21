using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ScribeActors.Deploy.Tests;

public sealed partial class AzuritePinTests
{
    private const string PinnedVersion = "3.37.0";

    [Fact]
    public void PackageJson_Azurite_IsPinnedExactly()
    {
        using var package = ReadJson("Azurite/package.json");
        var root = package.RootElement;

        var azurite = default(JsonElement);
        Assert.True(root.TryGetProperty("dependencies", out var deps) && deps.TryGetProperty("azurite", out azurite),
            "Azurite/package.json has no dependencies.azurite");
        Assert.True(azurite.GetString() == PinnedVersion, $"Azurite/package.json pins azurite '{azurite.GetString()}', expected exactly '{PinnedVersion}' (no ^ or ~)");
        Assert.True(root.TryGetProperty("private", out var isPrivate) && isPrivate.ValueKind == JsonValueKind.True, "Azurite/package.json must be \"private\": true");
        Assert.True(root.GetProperty("name").GetString() != "azurite", "Azurite/package.json must not be named 'azurite' (a package that depends on itself)");
    }

    [Fact]
    public void PackageLock_Azurite_IsLockedAtThePinnedVersion()
    {
        using var lockFile = ReadJson("Azurite/package-lock.json");
        var packages = lockFile.RootElement.GetProperty("packages");

        Assert.True(packages.TryGetProperty("node_modules/azurite", out var azurite), "Azurite/package-lock.json has no node_modules/azurite entry; run npm install in Azurite/");
        Assert.True(azurite.GetProperty("version").GetString() == PinnedVersion,
            $"Azurite/package-lock.json locks azurite {azurite.GetProperty("version").GetString()}, but {PinnedVersion} is pinned; run npm install in Azurite/");
        Assert.True(packages.GetProperty("").GetProperty("dependencies").GetProperty("azurite").GetString() == PinnedVersion,
            "the root entry of Azurite/package-lock.json does not match Azurite/package.json; run npm install in Azurite/");
    }

    [Fact]
    public void PackageLock_Entries_HaveNoResolvedRegistryUrls()
    {
        var text = File.ReadAllText(RepoRoot.Resolve("Azurite/package-lock.json"));
        using var lockFile = JsonDocument.Parse(text);

        var withUrls = lockFile.RootElement.GetProperty("packages").EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("resolved", out _))
            .Select(p => p.Name)
            .ToList();

        Assert.True(withUrls.Count == 0 && !ResolvedUrl().IsMatch(text),
            $"Azurite/package-lock.json holds \"resolved\" registry URLs for: {string.Join(", ", withUrls.Take(10))}; regenerate it with omit-lockfile-registry-resolved=true (Azurite/.npmrc)");
    }

    [Fact]
    public async Task StartScript_UnknownOption_ExitsWithUsageErrorNamingIt()
    {
        var result = await ScriptRunner.RunBashAsync(RepoRoot.FullPath, "Azurite/start.sh", "--bogus");

        Assert.True(result.ExitCode == 2, $"Azurite/start.sh --bogus exited {result.ExitCode}, expected 2\n{result.Output}");
        Assert.True(result.StdErr.Contains("--bogus", StringComparison.Ordinal), $"Azurite/start.sh --bogus did not name the bad option\n{result.Output}");
    }

    [Fact]
    public async Task StartScript_InMemoryWithLocation_ExitsWithUsageError()
    {
        var result = await ScriptRunner.RunBashAsync(RepoRoot.FullPath, "Azurite/start.sh", "--in-memory", "--location", "somewhere");

        Assert.True(result.ExitCode == 2, $"Azurite/start.sh --in-memory --location exited {result.ExitCode}, expected 2\n{result.Output}");
        Assert.True(result.StdErr.Contains("exclude each other", StringComparison.Ordinal), $"Azurite/start.sh did not explain the conflict\n{result.Output}");
    }

    [Fact]
    [Trait("Needs", "Azurite")]
    public async Task StartScript_AzuriteAlreadyRunning_RefusesWithExitCode3()
    {
        Assert.True(await AzuriteIsListeningAsync(),
            "Azurite is not running on 127.0.0.1:10000. Start it with `Azurite/start.sh --in-memory --background` (./scribe.sh test does this) and run the tests again.");

        var result = await ScriptRunner.RunBashAsync(RepoRoot.FullPath, "Azurite/start.sh", "--in-memory", "--background");

        Assert.True(result.ExitCode == 3, $"Azurite/start.sh over a running Azurite exited {result.ExitCode}, expected 3 (already running)\n{result.Output}");
        Assert.True(result.StdErr.Contains("Azurite is already running on 127.0.0.1:10000", StringComparison.Ordinal),
            $"Azurite/start.sh did not say that Azurite is already running\n{result.Output}");
    }

    private static JsonDocument ReadJson(string relativePath)
    {
        var path = RepoRoot.Resolve(relativePath);
        Assert.True(File.Exists(path), $"{relativePath} is missing");
        return JsonDocument.Parse(File.ReadAllText(path));
    }

    private static async Task<bool> AzuriteIsListeningAsync()
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync("127.0.0.1", 10000, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    [GeneratedRegex("\"resolved\"\\s*:\\s*\"http")]
    private static partial Regex ResolvedUrl();
}
