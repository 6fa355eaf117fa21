using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using ScribeActors.Silo;
using ScribeActors.Silo.Hosting;

namespace ScribeActors.IntegrationTests.Telemetry;

/// <summary>The telemetry options as the silo registers them: export only when an endpoint is configured (the option, or
/// the standard variable), with the signal paths added for http/protobuf; a bad endpoint fails at start naming it.</summary>
[Trait("Suite", "Unit")]
public sealed class ScribeTelemetryOptionsTests
{
    [Fact]
    public void AddScribeTelemetry_NoEndpoint_RegistersNoTracing()
    {
        using var services = Build([]);

        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetRequiredService<IOptions<ScribeTelemetryOptions>>().Value.OtlpEndpoint);
    }

    [Fact]
    public void AddScribeTelemetry_Endpoint_ExportsTracesAndMetricsUnderIt()
    {
        using var services = Build(new() { ["Scribe:Telemetry:OtlpEndpoint"] = "http://collector.local:4318" });

        Assert.NotNull(services.GetService<TracerProvider>());
        var exporters = services.GetRequiredService<IOptionsMonitor<OtlpExporterOptions>>();
        Assert.Equal(new Uri("http://collector.local:4318/v1/traces"), exporters.Get(ScribeSiloTelemetryExtensions.TraceExporterName).Endpoint);
        Assert.Equal(new Uri("http://collector.local:4318/v1/metrics"), exporters.Get(ScribeSiloTelemetryExtensions.MetricExporterName).Endpoint);
        Assert.Equal(OtlpExportProtocol.HttpProtobuf, exporters.Get(ScribeSiloTelemetryExtensions.TraceExporterName).Protocol);
        Assert.Equal(5000, exporters.Get(ScribeSiloTelemetryExtensions.TraceExporterName).BatchExportProcessorOptions.ScheduledDelayMilliseconds);
    }

    [Fact]
    public void AddScribeTelemetry_StandardVariable_IsUsedWithoutTheOption()
    {
        using var services = Build(new() { [ScribeTelemetryOptions.StandardEndpointVariable] = "http://otel.local:4318/" });

        var exporters = services.GetRequiredService<IOptionsMonitor<OtlpExporterOptions>>();
        Assert.Equal(new Uri("http://otel.local:4318/v1/traces"), exporters.Get(ScribeSiloTelemetryExtensions.TraceExporterName).Endpoint);
    }

    [Fact]
    public void AddScribeTelemetry_BadEndpointOption_FailsNamingIt()
    {
        using var services = Build(new() { ["Scribe:Telemetry:OtlpEndpoint"] = "collector:4318" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ScribeTelemetryOptions>>().Value);

        Assert.Contains("OtlpEndpoint", error.Message, StringComparison.Ordinal);
        Assert.Null(services.GetService<TracerProvider>());
    }

    [Fact]
    public void AddScribeTelemetry_BadStandardVariable_FailsNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new() { [ScribeTelemetryOptions.StandardEndpointVariable] = "otel:4318" }));

        Assert.Contains(ScribeTelemetryOptions.StandardEndpointVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddScribeTelemetry_TooShortMetricInterval_FailsNamingIt()
    {
        using var services = Build(new() { ["Scribe:Telemetry:MetricExportInterval"] = "00:00:00.010" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ScribeTelemetryOptions>>().Value);

        Assert.Contains("MetricExportInterval", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddScribeTelemetry();
        return builder.Services.BuildServiceProvider();
    }
}
