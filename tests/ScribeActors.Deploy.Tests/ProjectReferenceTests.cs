using System.Text.RegularExpressions;

namespace ScribeActors.Deploy.Tests;

/// <summary>The project graph is honest: a project references directly every project whose namespaces it uses, and
/// the boundaries the README promises (clients without Playwright, a pure agent) hold.</summary>
public sealed partial class ProjectReferenceTests
{
    [Fact]
    public void SourceProjects_UsingAnotherProjectsNamespace_ReferenceItDirectly()
    {
        var projects = ProjectGraph.SourceProjects();
        var names = projects.Select(ProjectGraph.Name).OrderByDescending(n => n.Length).ToList();
        Assert.True(names.Count > 5, "src/ holds fewer projects than expected: " + string.Join(", ", names));

        var problems = new List<string>();
        foreach (var project in projects)
        {
            var self = ProjectGraph.Name(project);
            var referenced = ProjectGraph.DirectReferences(project).Select(ProjectGraph.Name).ToHashSet(StringComparer.Ordinal);
            var folder = RepoRoot.Resolve(ProjectGraph.Folder(project));
            var used = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                var relative = RepoRoot.Relative(file);
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (Match match in QualifiedName().Matches(Code(File.ReadAllText(file))))
                {
                    var owner = names.FirstOrDefault(n => match.Value == n || match.Value.StartsWith(n + ".", StringComparison.Ordinal));
                    if (owner is not null && owner != self && !referenced.Contains(owner))
                    {
                        used.TryAdd(owner, $"{relative} ({match.Value})");
                    }
                }
            }

            problems.AddRange(used.Select(u => $"{project} uses {u.Key} without referencing it, e.g. in {u.Value}"));
        }

        Assert.True(problems.Count == 0, "Reference these projects directly (not through another project's references):\n" + string.Join('\n', problems));
    }

    [Theory]
    [InlineData("src/ScribeActors.Client/ScribeActors.Client.csproj", "ScribeActors.Abstractions")]
    [InlineData("src/ScribeActors.Agent/ScribeActors.Agent.csproj", "ScribeActors.Abstractions")]
    public void Project_References_OnlyTheContracts(string project, string allowed)
    {
        var closure = ProjectGraph.Closure(project).Select(ProjectGraph.Name).Where(n => n != ProjectGraph.Name(project)).ToList();

        Assert.True(closure.SequenceEqual([allowed]), $"{project} reaches {string.Join(", ", closure)}; it may reach only {allowed}");
    }

    /// <summary>The text with comments and string literals blanked out (roughly: enough for names in code).</summary>
    private static string Code(string source) => CommentOrString().Replace(source, " ");

    [GeneratedRegex(@"\bScribeActors(\.[A-Z][A-Za-z0-9]*)+")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@?""(?:[^""\\\n]|\\.)*""", RegexOptions.Singleline)]
    private static partial Regex CommentOrString();
}
