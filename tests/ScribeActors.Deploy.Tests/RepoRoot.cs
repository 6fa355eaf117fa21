namespace ScribeActors.Deploy.Tests;

/// <summary>Finds the repository root (the folder holding ScribeActors.sln) above the test binaries.</summary>
internal static class RepoRoot
{
    private static readonly Lazy<string> s_fullPath = new(Find);

    /// <summary>The absolute path of the repository root.</summary>
    public static string FullPath => s_fullPath.Value;

    /// <summary>Turns a repository-relative path written with '/' into an absolute path.</summary>
    public static string Resolve(string relativePath) =>
        Path.GetFullPath(Path.Combine(FullPath, relativePath.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>The repository-relative form of an absolute path, with '/' separators, for messages.</summary>
    public static string Relative(string fullPath) =>
        Path.GetRelativePath(FullPath, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScribeActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder above {AppContext.BaseDirectory} contains ScribeActors.sln; run these tests from a build inside the repository.");
    }
}
