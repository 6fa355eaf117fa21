using System.Diagnostics;

namespace ScribeActors.Bench;

/// <summary>Samples this process's working set and the resident memory of its Chromium children every 250 ms.</summary>
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

    /// <summary>Sum of VmRSS of every descendant process (Playwright driver and Chromium), from /proc.</summary>
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
                    }
                    else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        rss[pid] = long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
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
