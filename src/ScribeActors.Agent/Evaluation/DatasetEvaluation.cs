using ScribeActors.Agent.Datasets;
using ScribeActors.Agent.Planning;

namespace ScribeActors.Agent.Evaluation;

/// <summary>One held-out step as the model answered it.</summary>
/// <param name="Model">The model's label.</param>
/// <param name="RecordId">The dataset record.</param>
/// <param name="Gold">The expert's step (5-line block).</param>
/// <param name="Predicted">The model's step, or <see langword="null"/> when it wrote none that is valid.</param>
/// <param name="Score">How the step scored.</param>
/// <param name="Problem">Why there is no prediction, when there is none.</param>
public sealed record HeldOutStep(string Model, string RecordId, string Gold, string? Predicted, StepScore Score, string? Problem);

/// <summary>
/// The project's step metrics (docs/metrics.md) over held-out dataset records: each record's page (its full DOM),
/// objective and previous steps go through <see cref="ModelStepPlanner"/> exactly as in production (prune, fit with the
/// model's own tokenizer, the page grammar, validation, the given decoding), and the step that comes out is scored
/// against the expert's. Calibrated exact match counts the steps whose gold node the model was shown.
/// </summary>
public static class DatasetEvaluation
{
    /// <summary>Scores <paramref name="model"/> on <paramref name="records"/>; <paramref name="progress"/> hears of each step.</summary>
    public static async Task<(MetricsReport Metrics, IReadOnlyList<HeldOutStep> Steps)> RunAsync(
        string label, IStepGenerator model, IReadOnlyList<DatasetRecord> records, PlanSettings settings, Action<int, HeldOutStep>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(settings);
        var metrics = new MetricsAccumulator();
        var steps = new List<HeldOutStep>();
        foreach (var record in records)
        {
            PlannedStep planned;
            try
            {
                planned = await ModelStepPlanner.PlanAsync(new PlanRequest(record.Objective, record.Url, record.Dom, record.PreviousSteps, settings), model, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                // A prompt the model's context cannot hold (the model host's PromptTooLongException) is a step it cannot answer.
                planned = new PlannedStep { Error = e.Message };
            }

            var shown = record.GoldNode is not { } gold || planned.ShownNodeIds.Contains(gold);
            var prediction = planned.Step is { } step ? StepPrediction.FromStep(step) : StepPrediction.Unparsable;
            var score = metrics.Add(record.Instance, prediction, StepGold.FromStep(record.TargetStep, shown));
            var result = new HeldOutStep(label, record.Id, record.TargetStep.Render(), planned.Step?.Render(), score, planned.Error);
            steps.Add(result);
            progress?.Invoke(steps.Count, result);
        }

        return (metrics.Report(), steps);
    }

    /// <summary>At most <paramref name="count"/> items spread evenly over <paramref name="records"/> (all when fewer).</summary>
    public static IReadOnlyList<T> Sample<T>(IReadOnlyList<T> records, int count)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (count <= 0)
        {
            return [];
        }

        return records.Count <= count ? records : [.. Enumerable.Range(0, count).Select(i => records[(int)((long)i * records.Count / count)])];
    }
}
