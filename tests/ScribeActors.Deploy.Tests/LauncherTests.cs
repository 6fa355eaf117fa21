namespace ScribeActors.Deploy.Tests;

/// <summary>scribe.sh's set-up installs a `scribe` launcher that runs the checkout's built CLI from any directory, and
/// never overwrites a `scribe` it did not write.</summary>
public sealed class LauncherTests : IDisposable
{
    private readonly string _tempDir = Directory.CreateTempSubdirectory("scribe-launcher-tests-").FullName;

    public void Dispose() => Directory.Delete(_tempDir, recursive: true);

    private string BinDir => Path.Combine(_tempDir, "bin");

    [Fact]
    public async Task InstallLauncher_EmptyBinDir_WritesAScribeThatRunsTheBuiltCli()
    {
        var cli = BuiltCli();

        var install = await InstallAsync(cli);

        Assert.True(install.ExitCode == 0, install.Output);
        Assert.Contains($"installed the scribe launcher: {BinDir}/scribe", install.StdErr, StringComparison.Ordinal);
        Assert.Contains($"{BinDir} is not on PATH: add it", install.StdErr, StringComparison.Ordinal);
        var run = await ScriptRunner.RunBashAsync(_tempDir, "-c", $"PATH=\"{BinDir}:$PATH\" scribe tasks --seed 1");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("supplier.download-invoice", run.StdOut, StringComparison.Ordinal);

        var again = await InstallAsync(cli, onPath: true);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Empty(again.StdErr.Trim());
    }

    [Fact]
    public async Task InstallLauncher_ForeignScribeInBinDir_LeavesItAloneAndSaysHowToRunTheCli()
    {
        Directory.CreateDirectory(BinDir);
        var foreign = Path.Combine(BinDir, "scribe");
        await File.WriteAllTextAsync(foreign, "#!/bin/sh\necho someone else's scribe\n");

        var install = await InstallAsync("/nowhere/scribe.dll");

        Assert.True(install.ExitCode == 0, install.Output);
        Assert.Contains($"warning: {foreign} exists and was not written by scribe.sh; left alone. Run the CLI as: dotnet /nowhere/scribe.dll", install.StdErr, StringComparison.Ordinal);
        Assert.Equal("#!/bin/sh\necho someone else's scribe\n", await File.ReadAllTextAsync(foreign));
    }

    [Fact]
    public async Task Launcher_CliNotBuilt_ExitsOneSayingHowToBuild()
    {
        await InstallAsync("/nowhere/scribe.dll");

        var run = await ScriptRunner.RunBashAsync(_tempDir, Path.Combine(BinDir, "scribe"), "--help");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("scribe: /nowhere/scribe.dll is not built: run ", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("/scribe.sh build", run.StdErr, StringComparison.Ordinal);
    }

    /// <summary>Sources scribe.sh (which runs nothing when sourced) and calls its install_launcher for BinDir.</summary>
    private Task<ScriptRunner.Result> InstallAsync(string cli, bool onPath = false) =>
        ScriptRunner.RunBashAsync(_tempDir, "-c",
            "source \"$1\"; CLI_DLL=\"$2\"; SCRIBE_BIN_DIR=\"$3\"; " + (onPath ? "PATH=\"$3:$PATH\"; " : "") + "install_launcher",
            "test", RepoRoot.Resolve("scribe.sh"), cli, BinDir);

    private static string BuiltCli()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var cli = RepoRoot.Resolve($"src/ScribeActors.Cli/bin/{configuration}/net10.0/scribe.dll");
        Assert.True(File.Exists(cli), $"{RepoRoot.Relative(cli)} is not built: build the solution first (`dotnet build ScribeActors.sln -c {configuration}`).");
        return cli;
    }
}
