using Microsoft.Extensions.Logging;

namespace ScribeActors.Silo.Telemetry;

public sealed partial class OtlpExportWatcher
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Warning, Message = "The OTLP endpoint {Endpoint} cannot be reached ({Reason}): traces and metrics are dropped until it answers. The silo keeps working; this is logged once, not per export")]
    private partial void LogUnreachable(Uri endpoint, string reason);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "The OTLP endpoint {Endpoint} answers again: traces and metrics are exported")]
    private partial void LogReachable(Uri endpoint);
}
