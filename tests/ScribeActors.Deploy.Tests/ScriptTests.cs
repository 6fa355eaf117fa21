namespace ScribeActors.Deploy.Tests;

public sealed class ScriptTests : IDisposable
{
    private static readonly string[] s_scripts = ["scribe.sh", ".ci/run", "Azurite/start.sh", "Azurite/stop.sh"];

    private readonly string _tempDir = Directory.CreateTempSubdirectory("scribe-deploy-tests-").FullName;

    public void Dispose() => Directory.Delete(_tempDir, recursive: true);

    [Fact]
    public void Scripts_Each_ExistAndAreExecutable()
    {
        var problems = new List<string>();
        foreach (var script in s_scripts)
        {
            var path = RepoRoot.Resolve(script);
            if (!File.Exists(path))
            {
                problems.Add($"{script} is missing");
            }
            else if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) == 0)
            {
                problems.Add($"{script} is not executable (mode {File.GetUnixFileMode(path)}); run: chmod +x {script}");
            }
            else if (!File.ReadLines(path).First().StartsWith("#!/usr/bin/env bash", StringComparison.Ordinal))
            {
                problems.Add($"{script} does not start with '#!/usr/bin/env bash'");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task Scripts_Each_PassBashSyntaxCheck()
    {
        var problems = new List<string>();
        foreach (var script in s_scripts.Append("Azurite/common.sh"))
        {
            var result = await ScriptRunner.RunBashAsync(RepoRoot.FullPath, "-n", script);
            if (result.ExitCode != 0)
            {
                problems.Add($"bash -n {script} failed:\n{result.StdErr}");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void CiRun_Source_PrintsPassedFailedSummary()
    {
        var text = File.ReadAllText(RepoRoot.Resolve(".ci/run"));

        Assert.True(text.Contains("passed, ", StringComparison.Ordinal) && text.Contains(" failed", StringComparison.Ordinal),
            ".ci/run does not print the closing line 'N passed, M failed'");
        Assert.True(text.Contains("./scribe.sh test", StringComparison.Ordinal), ".ci/run does not run ./scribe.sh test");
    }

    [Fact]
    public async Task CiRun_WithTrxFiles_PrintsSummedCountsAsLastLineAndTestExitCode()
    {
        WriteFakeRepo(exitCode: 1, trx:
        [
            """<TestRun><ResultSummary><Counters total="5" executed="5" passed="4" failed="1" error="0" timeout="0" aborted="0" passedButRunAborted="3" /></ResultSummary></TestRun>""",
            """<TestRun><ResultSummary><Counters total="7" executed="7" passed="7" failed="0" error="0" timeout="0" aborted="0" /></ResultSummary></TestRun>""",
        ]);

        var result = await ScriptRunner.RunBashAsync(_tempDir, ".ci/run");

        var lastLine = result.StdOut.TrimEnd('\n').Split('\n')[^1];
        Assert.True(lastLine == "11 passed, 1 failed", $".ci/run's last line is '{lastLine}', expected '11 passed, 1 failed'\n{result.Output}");
        Assert.True(result.ExitCode == 1, $".ci/run exited {result.ExitCode}, expected the test command's exit code 1\n{result.Output}");
    }

    [Fact]
    public async Task CiRun_NoTrxFiles_ExitsNonZeroAndSaysSo()
    {
        WriteFakeRepo(exitCode: 0, trx: []);

        var result = await ScriptRunner.RunBashAsync(_tempDir, ".ci/run");

        Assert.True(result.ExitCode != 0, $".ci/run exited 0 although no TRX file was produced\n{result.Output}");
        Assert.True(result.StdErr.Contains("no test result files", StringComparison.Ordinal), $".ci/run did not say that no TRX file was produced\n{result.Output}");
        Assert.True(result.StdOut.TrimEnd('\n').Split('\n')[^1] == "0 passed, 0 failed", $".ci/run did not end with '0 passed, 0 failed'\n{result.Output}");
    }

    [Fact]
    public async Task ScribeScript_UnknownCommand_ExitsWithUsageErrorNamingIt()
    {
        var result = await ScriptRunner.RunBashAsync(_tempDir, RepoRoot.Resolve("scribe.sh"), "frobnicate");

        Assert.True(result.ExitCode == 2, $"./scribe.sh frobnicate exited {result.ExitCode}, expected 2\n{result.Output}");
        Assert.True(result.StdErr.Contains("unknown command 'frobnicate'", StringComparison.Ordinal), $"./scribe.sh did not name the unknown command\n{result.Output}");
    }

    [Fact]
    public async Task ScribeScript_Help_ListsDemoAndTestFromAnyDirectory()
    {
        var result = await ScriptRunner.RunBashAsync(_tempDir, RepoRoot.Resolve("scribe.sh"), "help");

        Assert.True(result.ExitCode == 0, $"./scribe.sh help exited {result.ExitCode}\n{result.Output}");
        Assert.True(result.StdOut.Contains("./scribe.sh demo", StringComparison.Ordinal) && result.StdOut.Contains("./scribe.sh test", StringComparison.Ordinal),
            $"./scribe.sh help does not list the demo and test commands\n{result.Output}");
    }

    [Fact]
    public void ScribeScript_Source_ExportsSettingsTheCliAndTestsRelyOn()
    {
        var text = File.ReadAllText(RepoRoot.Resolve("scribe.sh"));
        string[] required = ["SCRIBE_REPO_ROOT", "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1", "DOTNET_CLI_TELEMETRY_OPTOUT=1", "--blame-hang-timeout", "--logger trx", "Azurite/start.sh\" --in-memory --background"];

        var missing = required.Where(r => !text.Contains(r, StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "scribe.sh lacks: " + string.Join(", ", missing));
    }

    [Fact]
    public void ScribeScript_CliDll_IsTheCliAssembly()
    {
        var text = File.ReadAllText(RepoRoot.Resolve("scribe.sh"));
        var cli = File.ReadAllText(RepoRoot.Resolve("src/ScribeActors.Cli/ScribeActors.Cli.csproj"));

        Assert.True(text.Contains("CLI_DLL=\"$ROOT/src/ScribeActors.Cli/bin/$CONFIGURATION/net10.0/scribe.dll\"", StringComparison.Ordinal), "scribe.sh no longer runs src/ScribeActors.Cli's scribe.dll");
        Assert.True(cli.Contains("<AssemblyName>scribe</AssemblyName>", StringComparison.Ordinal), "src/ScribeActors.Cli/ScribeActors.Cli.csproj no longer names its assembly 'scribe', so scribe.sh and the tests find no scribe.dll");
    }

    /// <summary>A folder with a copy of .ci/run and a stand-in scribe.sh that writes the given TRX files and exits with exitCode.</summary>
    private void WriteFakeRepo(int exitCode, string[] trx)
    {
        Directory.CreateDirectory(Path.Combine(_tempDir, ".ci"));
        File.Copy(RepoRoot.Resolve(".ci/run"), Path.Combine(_tempDir, ".ci", "run"));
        var lines = new List<string> { "#!/usr/bin/env bash", "mkdir -p TestResults/nested" };
        for (var i = 0; i < trx.Length; i++)
        {
            var folder = i % 2 == 0 ? "TestResults" : "TestResults/nested";
            lines.Add($"cat > '{folder}/run {i}.trx' <<'TRX'\n{trx[i]}\nTRX");
        }

        lines.Add($"exit {exitCode}");
        var fake = Path.Combine(_tempDir, "scribe.sh");
        File.WriteAllText(fake, string.Join('\n', lines) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fake, File.GetUnixFileMode(fake) | UnixFileMode.UserExecute);
        }
    }
}
