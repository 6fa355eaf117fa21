using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ScribeActors.Silo.Telemetry;

/// <summary>
/// Watches the OTLP exports (traces and metrics alike) and says in the log when the receiver cannot be reached: once,
/// naming the endpoint, and not on every export after it; once more when it answers again. Exporting never affects the
/// silo's work: a failed export only drops that batch of telemetry.
/// </summary>
public sealed partial class OtlpExportWatcher(ILogger<OtlpExportWatcher> logger)
{
    private readonly ConcurrentDictionary<string, int> _failedByPath = new(StringComparer.Ordinal);
    private int _down; // 1 while the last export failed and that was said
    private int _failed;

    /// <summary>Whether the last export failed.</summary>
    public bool IsDown => Volatile.Read(ref _down) == 1;

    /// <summary>Exports that failed since the silo started.</summary>
    public int FailedExports => Volatile.Read(ref _failed);

    /// <summary>Exports to the address with this path (such as <c>/v1/traces</c>) that failed since the silo started.</summary>
    public int FailedExportsTo(string path) => _failedByPath.GetValueOrDefault(path);

    /// <summary>Notes an export that got an answer.</summary>
    public void Succeeded(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (Interlocked.Exchange(ref _down, 0) == 1)
        {
            LogReachable(endpoint);
        }
    }

    /// <summary>Notes an export that failed (no connection, a timeout, an error status).</summary>
    public void Failed(Uri endpoint, string reason)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Interlocked.Increment(ref _failed);
        _failedByPath.AddOrUpdate(endpoint.AbsolutePath, 1, (_, n) => n + 1);
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            LogUnreachable(endpoint, reason);
        }
    }
}
