using System.Globalization;

namespace ScribeActors.Browser;

/// <summary>Reads the Chromium processes below a process from Linux's process table (<c>/proc</c>): how many there are,
/// how many are renderers, and their memory.</summary>
internal static class ChromiumProcesses
{
    /// <summary>Counts of the Chromium processes descending from a process.</summary>
    public readonly record struct Reading(int Processes, int Renderers, long MemoryBytes);

    /// <summary>Reads the process table for the Chromium whose browser process was started with <paramref name="marker"/>
    /// on its command line, and every process below it (zygotes, renderers, GPU and utility processes);
    /// <see langword="null"/> where there is no process table (not Linux).</summary>
    public static Reading? Read(string marker)
    {
        if (!Directory.Exists("/proc/self"))
        {
            return null;
        }

        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        var root = parents.Keys.FirstOrDefault(pid => CommandLine(pid) is { } line && IsChromium(line) && line.Contains(marker, StringComparison.Ordinal));
        if (root == 0)
        {
            return new Reading(0, 0, 0);
        }

        int processes = 0, renderers = 0;
        long memory = 0;
        foreach (var pid in parents.Keys)
        {
            if ((pid != root && !DescendsFrom(pid, root, parents)) || CommandLine(pid) is not { } commandLine)
            {
                continue;
            }

            processes++;
            renderers += commandLine.Contains("--type=renderer", StringComparison.Ordinal) ? 1 : 0;
            memory += MemoryOf(pid);
        }

        return new Reading(processes, renderers, memory);
    }

    /// <summary>Whether a command line is Chromium's (the Debian wrapper execs <c>/usr/lib/chromium/chromium</c>).</summary>
    internal static bool IsChromium(string commandLine)
    {
        var program = commandLine.Split('\0', 2)[0];
        var name = Path.GetFileName(program);
        return name is "chromium" or "chrome" or "chromium-browser" or "headless_shell" or "chrome-headless-shell";
    }

    private static bool DescendsFrom(int pid, int root, Dictionary<int, int> parents)
    {
        for (var (current, hops) = (pid, 0); hops < 64 && parents.TryGetValue(current, out var parent); current = parent, hops++)
        {
            if (parent == root)
            {
                return true;
            }
        }

        return false;
    }

    private static int? ParentOf(int pid)
    {
        // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so parse after the last ')'.
        var stat = ReadOrNull($"/proc/{pid}/stat");
        var close = stat?.LastIndexOf(')') ?? -1;
        if (close < 0)
        {
            return null;
        }

        var fields = stat![(close + 2)..].Split(' ', 3);
        return fields.Length >= 2 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid) ? ppid : null;
    }

    private static string? CommandLine(int pid) => ReadOrNull($"/proc/{pid}/cmdline");

    /// <summary>Proportional set size in bytes (smaps_rollup), else the resident set size.</summary>
    private static long MemoryOf(int pid)
    {
        if (KilobytesOf(ReadOrNull($"/proc/{pid}/smaps_rollup"), "Pss:") is { } pss)
        {
            return pss * 1024;
        }

        return (KilobytesOf(ReadOrNull($"/proc/{pid}/status"), "VmRSS:") ?? 0) * 1024;
    }

    private static long? KilobytesOf(string? text, string key)
    {
        if (text is null)
        {
            return null;
        }

        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                var value = line[key.Length..].Trim().Split(' ')[0];
                return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : null;
            }
        }

        return null;
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the process ended meanwhile
        }
    }
}
