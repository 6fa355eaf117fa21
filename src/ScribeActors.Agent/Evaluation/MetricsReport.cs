using System.Globalization;
using System.Text;

namespace ScribeActors.Agent.Evaluation;

/// <summary>Counts and rates of an evaluation run (definitions in <see cref="StepMetrics"/> and docs/metrics.md). A rate
/// is <see langword="null"/> when its denominator is zero.</summary>
/// <param name="Steps">Steps scored.</param>
/// <param name="Tasks">Distinct tasks.</param>
/// <param name="InvalidPredictions">Steps whose output could not be parsed.</param>
/// <param name="ElementCorrect">Steps with the right element.</param>
/// <param name="OperationCorrect">Steps with the right operation.</param>
/// <param name="OperationF1Sum">Sum of the steps' operation F1.</param>
/// <param name="StepSuccesses">Steps with element and operation right.</param>
/// <param name="TaskSuccesses">Tasks whose every step succeeded.</param>
/// <param name="ExactMatches">Steps whose predicted node equals the gold node.</param>
/// <param name="CalibratedSteps">Steps whose gold target was in the observation shown (or that have no target).</param>
/// <param name="CalibratedExactMatches">Exact matches among <paramref name="CalibratedSteps"/>.</param>
public sealed record MetricsReport(
    int Steps,
    int Tasks,
    int InvalidPredictions,
    int ElementCorrect,
    int OperationCorrect,
    double OperationF1Sum,
    int StepSuccesses,
    int TaskSuccesses,
    int ExactMatches,
    int CalibratedSteps,
    int CalibratedExactMatches)
{
    /// <summary><see cref="ElementCorrect"/> / <see cref="Steps"/>.</summary>
    public double? ElementAccuracy => Rate(ElementCorrect, Steps);

    /// <summary>Mean operation F1 over all steps.</summary>
    public double? OperationF1 => Steps == 0 ? null : OperationF1Sum / Steps;

    /// <summary><see cref="StepSuccesses"/> / <see cref="Steps"/>.</summary>
    public double? StepSuccessRate => Rate(StepSuccesses, Steps);

    /// <summary><see cref="TaskSuccesses"/> / <see cref="Tasks"/>.</summary>
    public double? TaskSuccessRate => Rate(TaskSuccesses, Tasks);

    /// <summary><see cref="ExactMatches"/> / <see cref="Steps"/>.</summary>
    public double? ExactMatch => Rate(ExactMatches, Steps);

    /// <summary><see cref="CalibratedExactMatches"/> / <see cref="CalibratedSteps"/>.</summary>
    public double? CalibratedExactMatch => Rate(CalibratedExactMatches, CalibratedSteps);

    /// <summary>A one-line-per-metric summary with counts and percentages.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"steps {Steps}, tasks {Tasks}, unparsable {InvalidPredictions}\n");
        Line(sb, "element accuracy", ElementCorrect, Steps);
        sb.Append(CultureInfo.InvariantCulture, $"operation F1: {Percent(OperationF1)}\n");
        Line(sb, "step success", StepSuccesses, Steps);
        Line(sb, "task success", TaskSuccesses, Tasks);
        Line(sb, "exact match", ExactMatches, Steps);
        Line(sb, "calibrated exact match", CalibratedExactMatches, CalibratedSteps);
        return sb.ToString();
    }

    private static double? Rate(int count, int total) => total == 0 ? null : (double)count / total;

    private static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "n/a";

    private static void Line(StringBuilder sb, string name, int count, int total) =>
        sb.Append(CultureInfo.InvariantCulture, $"{name}: {count}/{total} ({Percent(Rate(count, total))})\n");
}
