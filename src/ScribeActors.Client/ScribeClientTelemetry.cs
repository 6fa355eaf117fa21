using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ScribeActors.Client;

/// <summary>
/// The client's traces and metrics, by .NET convention: every <see cref="ScribeClient"/> call is a span (kind client,
/// named <c>scribe.client.&lt;operation&gt;</c>, with the workflow id as <c>scribe.workflow.id</c>) on the activity
/// source <see cref="ActivitySourceName"/>, and its duration is recorded on the meter <see cref="MeterName"/>
/// (histogram <c>scribe.client.call.duration</c>, ms, tags <c>scribe.client.operation</c> and, on failure,
/// <c>error.type</c>). The SDK never configures an exporter: add these names to your own OpenTelemetry setup
/// (<c>AddSource(ScribeClientTelemetry.ActivitySourceName)</c>, <c>AddMeter(ScribeClientTelemetry.MeterName)</c>).
/// </summary>
public static class ScribeClientTelemetry
{
    /// <summary>The name of the client's <see cref="ActivitySource"/>.</summary>
    public const string ActivitySourceName = "ScribeActors.Client";

    /// <summary>The name of the client's <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "ScribeActors.Client";

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(ScribeClientTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Meter Meter = new(MeterName, typeof(ScribeClientTelemetry).Assembly.GetName().Version?.ToString());
    private static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>("scribe.client.call.duration", "ms", "Duration of ScribeClient calls");

    /// <summary>Runs <paramref name="call"/> inside a client span and records its duration.</summary>
    internal static async Task<T> TraceAsync<T>(string operation, string? workflowId, TimeProvider time, Func<Task<T>> call)
    {
        using var activity = Source.StartActivity("scribe.client." + operation, ActivityKind.Client);
        if (workflowId is not null)
        {
            activity?.SetTag("scribe.workflow.id", workflowId);
        }

        var started = time.GetTimestamp();
        string? error = null;
        try
        {
            return await call();
        }
        catch (Exception e)
        {
            error = e.GetType().FullName;
            activity?.SetTag("error.type", error);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        finally
        {
            var tags = new TagList { { "scribe.client.operation", operation } };
            if (error is not null)
            {
                tags.Add("error.type", error);
            }

            CallDuration.Record(time.GetElapsedTime(started).TotalMilliseconds, tags);
        }
    }
}
