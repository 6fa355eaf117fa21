using System.ComponentModel.DataAnnotations;

namespace ScribeActors.Silo;

/// <summary>
/// Where the silo sends its traces and metrics. Section <c>Scribe:Telemetry</c>; checked at start by
/// <see cref="ScribeTelemetryOptionsValidator"/>. Nothing is exported unless an endpoint is configured, here or in the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> environment variable (this option wins). See <c>docs/telemetry.md</c>.
/// </summary>
public sealed class ScribeTelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Scribe:Telemetry";

    /// <summary>The standard variable (OpenTelemetry specification) read when <see cref="OtlpEndpoint"/> is not set.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The base address of an OTLP receiver (a collector, Jaeger, Aspire's dashboard), such as
    /// <c>http://localhost:4318</c>; with http/protobuf, traces go to <c>/v1/traces</c> and metrics to
    /// <c>/v1/metrics</c> under it. Default: none (no export).</summary>
    [Url]
    public string? OtlpEndpoint { get; set; }

    /// <summary>The OTLP transport. Default <see cref="OtlpTransport.HttpProtobuf"/> (port 4318 by convention).</summary>
    public OtlpTransport Protocol { get; set; } = OtlpTransport.HttpProtobuf;

    /// <summary>The <c>service.name</c> resource attribute. Default <c>scribe-silo</c>.</summary>
    [Required]
    public string ServiceName { get; set; } = "scribe-silo";

    /// <summary>How often metrics are exported. Default 60 seconds (the OpenTelemetry default); 100 ms to 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long finished spans wait to be exported together. Default 5 seconds (the OpenTelemetry default); 100 ms
    /// to 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan TraceExportDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Also export Orleans' own metrics (meter <c>Microsoft.Orleans</c>: grain counts, messaging, storage).
    /// Default true.</summary>
    public bool IncludeOrleans { get; set; } = true;
}

/// <summary>OTLP transports.</summary>
public enum OtlpTransport
{
    /// <summary>Protobuf over HTTP/1.1 POSTs to <c>/v1/traces</c> and <c>/v1/metrics</c>.</summary>
    HttpProtobuf = 0,

    /// <summary>gRPC (HTTP/2), port 4317 by convention.</summary>
    Grpc = 1,
}
