namespace ScribeActors.Cli.Infrastructure;

/// <summary>Finds the ScribeActors checkout (for <c>Azurite/</c>): <c>SCRIBE_REPO_ROOT</c>, else the first folder holding
/// <c>ScribeActors.sln</c> above the current directory or the program.</summary>
internal static class RepoLocator
{
    public static string? Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("SCRIBE_REPO_ROOT");
        if (!string.IsNullOrWhiteSpace(fromEnv) && Directory.Exists(fromEnv))
        {
            return Path.GetFullPath(fromEnv);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ScribeActors.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
