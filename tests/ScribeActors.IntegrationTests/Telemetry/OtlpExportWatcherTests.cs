using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Silo.Telemetry;
using Microsoft.Extensions.Logging;

namespace ScribeActors.IntegrationTests.Telemetry;

[Trait("Suite", "Unit")]
public sealed class OtlpExportWatcherTests
{
    private static readonly Uri Traces = new("http://127.0.0.1:4318/v1/traces");
    private static readonly Uri Metrics = new("http://127.0.0.1:4318/v1/metrics");

    [Fact]
    public void Failed_ManyExportsOfBothSignals_WarnsOnceNamingTheEndpoint()
    {
        using var logs = new CapturedLogs();
        var watcher = new OtlpExportWatcher(new LoggerFactory([logs]).CreateLogger<OtlpExportWatcher>());

        for (var i = 0; i < 10; i++)
        {
            watcher.Failed(i % 2 == 0 ? Traces : Metrics, "Connection refused (127.0.0.1:4318)");
        }

        var warning = Assert.Single(logs.Entries);
        Assert.StartsWith("Warning", warning, StringComparison.Ordinal);
        Assert.Contains("[1500]", warning, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:4318/v1/traces", warning, StringComparison.Ordinal);
        Assert.Equal(10, watcher.FailedExports);
        Assert.Equal(5, watcher.FailedExportsTo("/v1/metrics"));
        Assert.True(watcher.IsDown);
    }

    [Fact]
    public void Succeeded_AfterAnOutage_SaysSoOnceAndWarnsAgainOnTheNextOutage()
    {
        using var logs = new CapturedLogs();
        var watcher = new OtlpExportWatcher(new LoggerFactory([logs]).CreateLogger<OtlpExportWatcher>());

        watcher.Succeeded(Traces);
        watcher.Failed(Traces, "timeout");
        watcher.Succeeded(Metrics);
        watcher.Succeeded(Traces);
        watcher.Failed(Metrics, "HTTP 503");
        watcher.Failed(Metrics, "HTTP 503");

        Assert.Collection(
            logs.Entries,
            e => Assert.Contains("[1500]", e, StringComparison.Ordinal),
            e => Assert.Contains("[1501]", e, StringComparison.Ordinal),
            e => Assert.Contains("[1500]", e, StringComparison.Ordinal));
    }
}
