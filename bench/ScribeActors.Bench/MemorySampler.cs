using System.Diagnostics;

namespace ScribeActors.Bench;

/// <summary>Samples this process's working set and the proportional set size (PSS) of its Chromium children every
/// 250 ms. PSS splits shared pages between the processes that map them, so summing it over Chromium's many processes
/// does not count shared libraries once per renderer, as summing RSS would.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public MemorySampler() => _loop = Task.Run(LoopAsync);

    public double PeakProcessMb { get; private set; }

    public double PeakChromiumMb { get; private set; }

    public double PeakTotalMb { get; private set; }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var self = Process.GetCurrentProcess();
            var own = self.WorkingSet64 / 1048576.0;
            var chromium = ChromiumRssMb(self.Id);
            PeakProcessMb = Math.Round(Math.Max(PeakProcessMb, own), 1);
            PeakChromiumMb = Math.Round(Math.Max(PeakChromiumMb, chromium), 1);
            PeakTotalMb = Math.Round(Math.Max(PeakTotalMb, own + chromium), 1);
            try
            {
                await Task.Delay(250, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sum of the PSS of every descendant process (Playwright driver and Chromium), from /proc.</summary>
    private static double ChromiumRssMb(int root)
    {
        var parents = new Dictionary<int, int>();
        var rss = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                foreach (var line in File.ReadLines(Path.Combine(dir, "status")))
                {
                    if (line.StartsWith("PPid:", StringComparison.Ordinal))
                    {
                        parents[pid] = int.Parse(line[5..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    }
                }

                foreach (var line in File.ReadLines(Path.Combine(dir, "smaps_rollup")))
                {
                    if (line.StartsWith("Pss:", StringComparison.Ordinal))
                    {
                        rss[pid] = long.Parse(line[4..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    }
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        bool Descends(int pid)
        {
            for (var guard = 0; guard < 64 && parents.TryGetValue(pid, out var parent); guard++)
            {
                if (parent == root)
                {
                    return true;
                }

                pid = parent;
            }

            return false;
        }

        return rss.Where(p => Descends(p.Key)).Sum(p => p.Value) / 1024.0;
    }
}
