using System.Diagnostics;
using System.Diagnostics.Metrics;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Recovery;
using ScribeActors.Grains.Inference;
using ScribeActors.Grains.Telemetry;

namespace ScribeActors.Grains.Workflows;

/// <summary>
/// Traces and metrics of workflow steps, made from a finished <see cref="StepRecord"/>: the record already holds when the
/// step started and finished and how long each phase took (the run viewer shows the same numbers), so a step's trace is
/// written once, after the fact, with explicit start and end times, and costs the loop nothing while it runs. Without a
/// listener nothing is created.
/// </summary>
internal static class WorkflowTelemetry
{
    /// <summary>The span of one step; its children are named by <see cref="Phases"/>.</summary>
    public const string StepSpan = "scribe.workflow.step";

    public static readonly ActivitySource Source = new(ScribeTelemetryNames.Workflows);

    private static readonly Meter Meter = new(ScribeTelemetryNames.Workflows);
    private static readonly Counter<long> Steps = Meter.CreateCounter<long>("scribe.workflow.steps", "{step}", "Steps finished, by action and outcome");
    private static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>("scribe.workflow.step.duration", "ms", "Time from a step's start to its recorded outcome");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("scribe.workflow.failures", "{failure}", "Failed actions and infrastructure faults, by kind");
    private static readonly Counter<long> Resumptions = Meter.CreateCounter<long>("scribe.workflow.resumptions", "{resumption}", "Workflows resumed by a new activation");

    /// <summary>The names of a step's child spans.</summary>
    public static class Phases
    {
        public const string Observe = "scribe.workflow.observe";
        public const string Decide = "scribe.workflow.decide";
        public const string Persist = "scribe.workflow.persist";
        public const string Act = "scribe.workflow.act";
        public const string Inference = "scribe.inference.next_step";
    }

    /// <summary>The step's action as a low-cardinality tag value (<c>click</c>, <c>type</c>, ...; <c>none</c> for a finish
    /// or a step the source could not decide).</summary>
    public static string ActionOf(StepRecord step) => step.Action?.Kind.ToString().ToLowerInvariant() ?? "none";

    /// <summary><c>succeeded</c>, <c>failed</c>, or <c>no_action</c> for a step without a browser outcome.</summary>
    public static string OutcomeOf(StepRecord step) => step.Outcome switch
    {
        null => "no_action",
        { Succeeded: true } => "succeeded",
        _ => "failed",
    };

    /// <summary>Records a finished step: its metrics, and (when someone listens) its trace.</summary>
    public static void RecordStep(string workflowId, StepRecord step)
    {
        var action = ActionOf(step);
        var outcome = OutcomeOf(step);
        var tags = new TagList { { "scribe.step.action", action }, { "scribe.step.outcome", outcome } };
        Steps.Add(1, tags);
        if (step.FinishedAt is { } finished)
        {
            StepDuration.Record(Math.Max(0, (finished - step.StartedAt).TotalMilliseconds), tags);
        }

        if (step.Outcome is { Succeeded: false } failed)
        {
            Failures.Add(1, new TagList { { "scribe.failure.source", "action" }, { "scribe.failure.kind", failed.Failure.ToString() } });
        }

        if (Source.HasListeners())
        {
            TraceStep(workflowId, step, action, outcome);
        }
    }

    /// <summary>Counts an infrastructure fault the loop met (storage, browser, a lost grain call, ...).</summary>
    public static void RecordFault(InfrastructureFault fault) =>
        Failures.Add(1, new TagList { { "scribe.failure.source", "infrastructure" }, { "scribe.failure.kind", fault.ToString() } });

    /// <summary>Counts a workflow resumed by a new activation.</summary>
    public static void RecordResumption() => Resumptions.Add(1);

    /// <summary>
    /// A root span per step (a trace per step), with its phases as children laid out from the recorded durations: observe
    /// from the start, decide after it (with the inference grain's prune, fit, queue, prefill and decode inside, back to
    /// back), then the intent write (persist) and the action (act) ending when the outcome was recorded.
    /// </summary>
    private static void TraceStep(string workflowId, StepRecord step, string action, string outcome)
    {
        var previous = Activity.Current;
        Activity.Current = null; // a new trace, never a child of whatever grain call the loop runs under
        try
        {
            var start = step.StartedAt;
            var end = step.FinishedAt ?? start + TimeSpan.FromMilliseconds(step.ObserveMs + step.DecideMs + step.PersistMs + step.ExecuteMs);
            using var span = Source.StartActivity(StepSpan, ActivityKind.Internal, default(ActivityContext), startTime: start);
            if (span is null)
            {
                return;
            }

            span.SetTag("scribe.workflow.id", workflowId);
            span.SetTag("scribe.step.index", step.Index);
            span.SetTag("scribe.step.action", action);
            span.SetTag("scribe.step.outcome", outcome);
            if (step.Outcome is { Succeeded: false } failed)
            {
                span.SetTag("scribe.failure.kind", failed.Failure.ToString());
                span.SetStatus(ActivityStatusCode.Error, failed.Message);
            }

            var observeEnd = start + Ms(step.ObserveMs);
            Child(Source, Phases.Observe, span.Context, start, observeEnd);
            var decideEnd = observeEnd + Ms(step.DecideMs);
            var decide = Child(Source, Phases.Decide, span.Context, observeEnd, decideEnd);
            if (step.Inference is { } inference && decide is not null)
            {
                TraceInference(inference, decide.Value, observeEnd, decideEnd);
            }

            if (step.Action is not null)
            {
                var actStart = end - Ms(step.ExecuteMs);
                Child(Source, Phases.Persist, span.Context, actStart - Ms(step.PersistMs), actStart);
                Child(Source, Phases.Act, span.Context, actStart, end);
            }

            span.SetEndTime(end.UtcDateTime);
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    private static void TraceInference(StepInference inference, ActivityContext decide, DateTimeOffset decideStart, DateTimeOffset decideEnd)
    {
        // The inference call is the end of the decide phase; what comes before it is the grain call getting there.
        var total = Ms(inference.TotalMs);
        var start = total < decideEnd - decideStart ? decideEnd - total : decideStart;
        using var call = InferenceTelemetry.Source.StartActivity(Phases.Inference, ActivityKind.Internal, decide, startTime: start);
        if (call is null)
        {
            return;
        }

        call.SetTag("scribe.model.id", inference.ModelId);
        call.SetTag("scribe.inference.prompt_tokens", inference.PromptTokens);
        call.SetTag("scribe.inference.output_tokens", inference.OutputTokens);
        call.SetTag("scribe.inference.attempts", inference.Attempts);
        var at = start;
        foreach (var (name, ms) in new[] { ("prune", inference.PruneMs), ("fit", inference.FitMs), ("queue", inference.QueueMs), ("prefill", inference.PrefillMs), ("decode", inference.DecodeMs) })
        {
            Child(InferenceTelemetry.Source, "scribe.inference." + name, call.Context, at, at + Ms(ms));
            at += Ms(ms);
        }

        call.SetEndTime((start + total).UtcDateTime);
    }

    private static ActivityContext? Child(ActivitySource source, string name, ActivityContext parent, DateTimeOffset start, DateTimeOffset end)
    {
        using var child = source.StartActivity(name, ActivityKind.Internal, parent, startTime: start);
        if (child is null)
        {
            return null;
        }

        child.SetEndTime((end < start ? start : end).UtcDateTime);
        return child.Context;
    }

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(Math.Max(0, milliseconds));
}
