using System.Collections;
using System.Diagnostics;
using System.Globalization;

namespace ScribeActors.Browser;

/// <summary>
/// Chromium's temporary files (the profile lock socket under <c>org.chromium.Chromium.*</c>, and the shared memory
/// files that <c>--disable-dev-shm-usage</c> moves to the temp folder) are removed by Chromium when it exits normally and
/// left behind when it is killed: a host whose browser crashes now and then filled <c>/tmp</c> with them (319 folders
/// in a day of fault testing). Each browser this host launches gets its own temp folder (its <c>TMPDIR</c>), removed
/// when the next browser is launched and when the host is disposed; a folder whose host process is gone (a silo killed
/// -9) is removed by the next host that launches a browser.
/// </summary>
public sealed partial class PlaywrightBrowserHost
{
    private const string TempPrefix = "scribe-chromium-";
    private int _launches;

    /// <summary>The temp folder (<c>TMPDIR</c>) of the browser launched last; null before the first launch.</summary>
    internal string? TempDirectory { get; private set; }

    /// <summary>The switch on this host's browser command line that names its processes.</summary>
    internal string Marker => _marker;

    private Dictionary<string, string> BrowserEnvironment(string tempDirectory)
    {
        // Playwright hands the browser this environment instead of the process's, so it is the process's plus TMPDIR.
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            environment[(string)variable.Key] = (string?)variable.Value ?? "";
        }

        environment["TMPDIR"] = tempDirectory;
        return environment;
    }

    /// <summary>Removes the previous browser's folder and those of hosts that are gone, and creates the next one.</summary>
    private string NewTempDirectory()
    {
        RemoveTempDirectory();
        foreach (var orphan in Directory.EnumerateDirectories(Path.GetTempPath(), TempPrefix + "*"))
        {
            if (OwnerPid(orphan) is { } pid && pid != Environment.ProcessId && !IsRunning(pid))
            {
                Delete(orphan);
            }
        }

        var id = _marker[(_marker.IndexOf('=', StringComparison.Ordinal) + 1)..];
        TempDirectory = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"{TempPrefix}{Environment.ProcessId}-{id}-{++_launches}"));
        Directory.CreateDirectory(TempDirectory);
        return TempDirectory;
    }

    private void RemoveTempDirectory()
    {
        if (TempDirectory is { } folder)
        {
            Delete(folder);
        }
    }

    private void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogTempNotRemoved(_logger, folder, e.Message);
        }
    }

    private static int? OwnerPid(string folder)
    {
        var name = Path.GetFileName(folder).AsSpan(TempPrefix.Length);
        var dash = name.IndexOf('-');
        return dash > 0 && int.TryParse(name[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
