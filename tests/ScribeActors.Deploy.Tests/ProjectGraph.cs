using System.Xml.Linq;

namespace ScribeActors.Deploy.Tests;

/// <summary>The project references of the repository's .csproj files, read from the files (no MSBuild evaluation).</summary>
internal static class ProjectGraph
{
    /// <summary>The repository-relative paths of the projects <paramref name="project"/> references directly.</summary>
    public static IReadOnlyList<string> DirectReferences(string project)
    {
        var full = RepoRoot.Resolve(project);
        Assert.True(File.Exists(full), $"{project} is missing");
        var folder = Path.GetDirectoryName(full)!;
        return XDocument.Load(full).Descendants("ProjectReference")
            .Select(r => (string?)r.Attribute("Include"))
            .OfType<string>()
            .Select(include => RepoRoot.Relative(Path.GetFullPath(Path.Combine(folder, include.Replace('\\', Path.DirectorySeparatorChar)))))
            .ToList();
    }

    /// <summary><paramref name="project"/> and every project it references, directly or not.</summary>
    public static IReadOnlySet<string> Closure(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var reference in DirectReferences(next))
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }

    /// <summary>The project name of a path such as <c>src/ScribeActors.Silo/ScribeActors.Silo.csproj</c>.</summary>
    public static string Name(string project) => Path.GetFileNameWithoutExtension(project);

    /// <summary>The folder of a project, with a trailing '/', as a Dockerfile COPY names it.</summary>
    public static string Folder(string project) => project[..(project.LastIndexOf('/') + 1)];

    /// <summary>Every project under src/, as repository-relative paths.</summary>
    public static IReadOnlyList<string> SourceProjects() =>
        [.. Directory.EnumerateFiles(RepoRoot.Resolve("src"), "*.csproj", SearchOption.AllDirectories)
            .Select(RepoRoot.Relative)
            .Where(p => !p.Contains("/bin/", StringComparison.Ordinal) && !p.Contains("/obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
}
