using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ScribeActors.Grains.Telemetry;
using ScribeActors.Silo.Telemetry;

namespace ScribeActors.Silo.Hosting;

/// <summary>OpenTelemetry for the silo: its traces and metrics (<see cref="ScribeTelemetryNames"/>, plus Orleans' meter)
/// exported over OTLP when an endpoint is configured, and nothing at all otherwise.</summary>
public static class ScribeSiloTelemetryExtensions
{
    /// <summary>The name of the OTLP exporter options of the traces (named options, so nothing else's are touched).</summary>
    public const string TraceExporterName = "scribe-traces";

    /// <summary>The name of the OTLP exporter options of the metrics.</summary>
    public const string MetricExporterName = "scribe-metrics";

    /// <summary>Orleans' own meter (grain activations, messaging, storage latencies).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>
    /// Binds <see cref="ScribeTelemetryOptions"/> (validated at start) and, when <see cref="ScribeTelemetryOptions.OtlpEndpoint"/>
    /// or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a receiver, registers OpenTelemetry tracing and metrics that export to
    /// it. An unreachable receiver never stops the silo: <see cref="OtlpExportWatcher"/> says so once in the log.
    /// </summary>
    public static WebApplicationBuilder AddScribeTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ScribeTelemetryOptions>().BindConfiguration(ScribeTelemetryOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScribeTelemetryOptions>, ScribeTelemetryOptionsValidator>());
        var options = ScribeSiloHost.Bind<ScribeTelemetryOptions>(builder.Configuration, ScribeTelemetryOptions.SectionName);
        if (Endpoint(options, builder.Configuration) is not { } endpoint)
        {
            return builder; // nothing listens, so the instrumented code creates no spans and records nothing
        }

        var silo = ScribeSiloHost.Bind<ScribeSiloOptions>(builder.Configuration, ScribeSiloOptions.SectionName);
        builder.Services.TryAddSingleton<OtlpExportWatcher>();
        ConfigureExporter(builder.Services, TraceExporterName, endpoint, options.Protocol, "v1/traces");
        builder.Services.Configure<OtlpExporterOptions>(TraceExporterName, o => o.BatchExportProcessorOptions.ScheduledDelayMilliseconds = (int)options.TraceExportDelay.TotalMilliseconds);
        ConfigureExporter(builder.Services, MetricExporterName, endpoint, options.Protocol, "v1/metrics");
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName, serviceInstanceId: $"{silo.AdvertisedIP}:{silo.SiloPort}")
                .AddAttributes([new("scribe.service_id", silo.ServiceId), new("scribe.cluster_id", silo.ClusterId)]))
            .WithTracing(tracing => tracing
                .AddSource([.. ScribeTelemetryNames.ActivitySources])
                .AddOtlpExporter(TraceExporterName, configure: null))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. ScribeTelemetryNames.Meters]);
                if (options.IncludeOrleans)
                {
                    metrics.AddMeter(OrleansMeter);
                }

                metrics.AddOtlpExporter(MetricExporterName, (_, reader) =>
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.MetricExportInterval.TotalMilliseconds);
            });
        return builder;
    }

    /// <summary>The configured receiver: <see cref="ScribeTelemetryOptions.OtlpEndpoint"/>, else the standard variable;
    /// <see langword="null"/> when neither names an absolute http(s) address (a malformed option fails validation at start).</summary>
    internal static Uri? Endpoint(ScribeTelemetryOptions options, IConfiguration configuration)
    {
        var text = options.OtlpEndpoint is { Length: > 0 } configured ? configured : configuration[ScribeTelemetryOptions.StandardEndpointVariable];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            if (options.OtlpEndpoint is { Length: > 0 })
            {
                return null; // ScribeTelemetryOptionsValidator reports it at start
            }

            throw new InvalidOperationException($"{ScribeTelemetryOptions.StandardEndpointVariable} must be an absolute http or https address such as http://localhost:4318, not '{text}'.");
        }

        return endpoint;
    }

    private static void ConfigureExporter(IServiceCollection services, string name, Uri endpoint, OtlpTransport transport, string signalPath) =>
        services.AddOptions<OtlpExporterOptions>(name).Configure<OtlpExportWatcher>((o, watcher) =>
        {
            o.Protocol = transport == OtlpTransport.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
            // Set in code, the address is used as it is: the signal's path is added here, as the standard variable would.
            o.Endpoint = transport == OtlpTransport.Grpc ? endpoint : new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
            o.HttpClientFactory = () => new HttpClient(new OtlpExportHandler(watcher)) { Timeout = TimeSpan.FromMilliseconds(o.TimeoutMilliseconds) };
        });
}
