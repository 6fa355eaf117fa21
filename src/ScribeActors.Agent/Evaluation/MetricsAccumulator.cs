namespace ScribeActors.Agent.Evaluation;

/// <summary>Collects scored steps of an evaluation run, grouped by task, and reports the metrics of
/// <see cref="StepMetrics"/>. Not thread-safe.</summary>
public sealed class MetricsAccumulator
{
    private readonly Dictionary<string, bool> _taskSucceeded = new(StringComparer.Ordinal);
    private int _steps;
    private int _invalid;
    private int _element;
    private int _operation;
    private double _f1Sum;
    private int _stepSuccesses;
    private int _exact;
    private int _calibrated;
    private int _calibratedExact;

    /// <summary>Scores <paramref name="predicted"/> against <paramref name="gold"/> and adds it to task <paramref name="taskId"/>.
    /// Steps of a task may be added in any order; a task succeeds when every one of its steps does.</summary>
    /// <returns>The step's score.</returns>
    /// <exception cref="ArgumentException"><paramref name="taskId"/> is empty or only whitespace.</exception>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public StepScore Add(string taskId, StepPrediction predicted, StepGold gold)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        var score = StepMetrics.Score(predicted, gold);
        _steps++;
        _invalid += score.Valid ? 0 : 1;
        _element += score.ElementCorrect ? 1 : 0;
        _operation += score.OperationCorrect ? 1 : 0;
        _f1Sum += score.OperationF1;
        _stepSuccesses += score.StepSuccess ? 1 : 0;
        _exact += score.ExactMatch ? 1 : 0;
        if (score.Calibrated)
        {
            _calibrated++;
            _calibratedExact += score.ExactMatch ? 1 : 0;
        }

        _taskSucceeded[taskId] = (!_taskSucceeded.TryGetValue(taskId, out var sofar) || sofar) && score.StepSuccess;
        return score;
    }

    /// <summary>The counts and rates so far.</summary>
    public MetricsReport Report() => new(
        _steps,
        _taskSucceeded.Count,
        _invalid,
        _element,
        _operation,
        _f1Sum,
        _stepSuccesses,
        _taskSucceeded.Values.Count(s => s),
        _exact,
        _calibrated,
        _calibratedExact);
}
