using System.Text.Json;
using System.Text.RegularExpressions;

namespace ScribeActors.Deploy.Tests;

public sealed partial class DockerfileTests
{
    private const string DockerfilePath = "deploy/docker/Dockerfile";
    private const string IgnorePath = "deploy/docker/Dockerfile.dockerignore";
    private const string SiloHostProject = "src/ScribeActors.Silo.Host/ScribeActors.Silo.Host.csproj";

    [Fact]
    public void Dockerfile_CopyFromBuildContext_SourcesExistAndAreNotIgnored()
    {
        var copies = Instructions()
            .Where(i => i.Keyword is "COPY" or "ADD")
            .Select(i => Arguments(i.Arguments))
            .Where(args => !args.Any(a => a.StartsWith("--from=", StringComparison.Ordinal)))
            .ToList();
        Assert.True(copies.Count > 0, $"{DockerfilePath} copies nothing from the build context");

        var ignore = IgnorePatterns();
        var problems = new List<string>();
        foreach (var args in copies)
        {
            var sources = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).SkipLast(1);
            foreach (var source in sources)
            {
                var relative = source.TrimEnd('/');
                var full = RepoRoot.Resolve(relative);
                if (!File.Exists(full) && !Directory.Exists(full))
                {
                    problems.Add($"COPY source '{source}' does not exist in the repository (looked for {RepoRoot.Relative(full)})");
                }
                else if (ignore.FirstOrDefault(p => p.IsMatch(relative)) is { } pattern)
                {
                    problems.Add($"COPY source '{source}' is excluded from the build context by {IgnorePath} (pattern {pattern})");
                }
            }
        }

        Assert.True(problems.Count == 0, $"{DockerfilePath}:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void Dockerfile_EntryPoint_RunsTheSiloExecutable()
    {
        var entry = Instructions().LastOrDefault(i => i.Keyword == "ENTRYPOINT");
        Assert.True(entry is not null, $"{DockerfilePath} has no ENTRYPOINT");

        var args = JsonSerializer.Deserialize<string[]>(entry.Arguments) ?? [];
        Assert.True(args.SequenceEqual(["dotnet", "scribe-silo.dll"]), $"{DockerfilePath}: ENTRYPOINT is {entry.Arguments}, expected [\"dotnet\", \"scribe-silo.dll\"]");

        var host = File.ReadAllText(RepoRoot.Resolve(SiloHostProject));
        Assert.True(host.Contains("<AssemblyName>scribe-silo</AssemblyName>", StringComparison.Ordinal), $"{SiloHostProject} no longer names its assembly 'scribe-silo', so the image has no scribe-silo.dll");
        Assert.True(host.Contains("<OutputType>Exe</OutputType>", StringComparison.Ordinal), $"{SiloHostProject} is not an executable");
    }

    [Fact]
    public void Dockerfile_PublishedProject_Exists()
    {
        var published = Published();
        Assert.True(published.Count > 0, $"{DockerfilePath} has no RUN dotnet publish <project>");

        var missing = published.Where(p => !File.Exists(RepoRoot.Resolve(p))).ToList();
        Assert.True(missing.Count == 0, $"{DockerfilePath} publishes projects that do not exist: " + string.Join(", ", missing));
    }

    [Fact]
    public void Dockerfile_PublishedProject_IsTheSiloHostWithoutCliOrDemoSites()
    {
        var published = Published();
        Assert.True(published.SequenceEqual([SiloHostProject]), $"{DockerfilePath} publishes {string.Join(", ", published)}; expected only {SiloHostProject}");

        var restored = Instructions().Where(i => i.Keyword == "RUN").Select(i => RestoreTarget().Match(i.Arguments)).Where(m => m.Success).Select(m => m.Groups["project"].Value).ToList();
        Assert.True(restored.SequenceEqual([SiloHostProject]), $"{DockerfilePath} restores {string.Join(", ", restored)}; expected only {SiloHostProject} (publish runs with --no-restore)");

        var closure = ProjectGraph.Closure(SiloHostProject).Select(ProjectGraph.Name).ToList();
        string[] notInImage = ["ScribeActors.Cli", "ScribeActors.DemoSites"];
        Assert.True(!closure.Intersect(notInImage).Any(), $"{SiloHostProject} reaches {string.Join(", ", closure.Intersect(notInImage))}; the silo image carries neither the CLI nor the demo sites");
    }

    [Fact]
    public void Dockerfile_BuildStage_CopiesEveryProjectOfTheSiloAndNoOther()
    {
        var copied = Instructions()
            .Where(i => i.Keyword == "COPY")
            .Select(i => Arguments(i.Arguments))
            .Where(args => !args.Any(a => a.StartsWith("--", StringComparison.Ordinal)))
            .SelectMany(args => args.SkipLast(1))
            .Where(source => source.StartsWith("src/", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        var needed = ProjectGraph.Closure(SiloHostProject).Select(ProjectGraph.Folder).ToHashSet(StringComparer.Ordinal);

        var missing = needed.Except(copied).Order(StringComparer.Ordinal).ToList();
        var extra = copied.Except(needed).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"{DockerfilePath} does not COPY these folders of projects {SiloHostProject} references: " + string.Join(", ", missing));
        Assert.True(extra.Count == 0, $"{DockerfilePath} copies sources the silo does not reference: " + string.Join(", ", extra));
    }

    [Fact]
    public void Dockerfile_RuntimeStage_InstallsDebianChromium()
    {
        var text = File.ReadAllText(RepoRoot.Resolve(DockerfilePath));

        Assert.True(ChromiumInstall().IsMatch(text), $"{DockerfilePath}: the runtime stage does not apt-get install chromium (Debian's package; the image must not download a browser)");
        Assert.True(!text.Contains("playwright install", StringComparison.OrdinalIgnoreCase), $"{DockerfilePath} calls 'playwright install'; use Debian's chromium package instead");
    }

    [Fact]
    public void DockerIgnore_HostBuildOutputs_AreExcluded()
    {
        var ignore = IgnorePatterns();
        string[] mustExclude = ["src/ScribeActors.Silo/bin", "src/ScribeActors.Silo/obj", "src/ScribeActors.Silo.Host/bin", "src/ScribeActors.Silo.Host/obj", "Azurite/node_modules", ".git"];

        var included = mustExclude.Where(path => !ignore.Any(p => p.IsMatch(path))).ToList();

        Assert.True(included.Count == 0, $"{IgnorePath} lets these into the build context: " + string.Join(", ", included));
    }

    private sealed record Instruction(string Keyword, string Arguments);

    private static List<Instruction> Instructions()
    {
        var path = RepoRoot.Resolve(DockerfilePath);
        Assert.True(File.Exists(path), $"{DockerfilePath} is missing");

        var instructions = new List<Instruction>();
        var current = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            current += line;
            var parts = current.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0)
            {
                instructions.Add(new Instruction(parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1].Trim() : ""));
            }

            current = "";
        }

        return instructions;
    }

    private static List<string> Published() =>
        [.. Instructions()
            .Where(i => i.Keyword == "RUN")
            .Select(i => PublishTarget().Match(i.Arguments))
            .Where(m => m.Success)
            .Select(m => m.Groups["project"].Value)];

    private static string[] Arguments(string arguments) =>
        arguments.StartsWith('[')
            ? JsonSerializer.Deserialize<string[]>(arguments) ?? []
            : arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The ignore file's patterns as regexes over context-relative paths (a pattern also covers everything below it).</summary>
    private static List<Regex> IgnorePatterns()
    {
        var path = RepoRoot.Resolve(IgnorePath);
        Assert.True(File.Exists(path), $"{IgnorePath} is missing");

        return File.ReadAllLines(path)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('!'))
            .Select(l =>
            {
                var body = Regex.Escape(l.Trim('/'))
                    .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
                    .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
                    .Replace(@"\?", "[^/]", StringComparison.Ordinal);
                return new Regex($"^{body}(/.*)?$", RegexOptions.CultureInvariant);
            })
            .ToList();
    }

    [GeneratedRegex(@"dotnet\s+publish\s+(?<project>\S+\.csproj)")]
    private static partial Regex PublishTarget();

    [GeneratedRegex(@"dotnet\s+restore\s+(?<project>\S+\.csproj)")]
    private static partial Regex RestoreTarget();

    [GeneratedRegex(@"apt-get\s+install[^\n]*(\n[^\n]*)*?\bchromium\b")]
    private static partial Regex ChromiumInstall();
}
