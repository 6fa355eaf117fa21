using ScribeActors.Abstractions;
using ScribeActors.Agent.Evaluation;

namespace ScribeActors.Agent.Tests.Evaluation;

public sealed class MetricsAccumulatorTests
{
    [Fact]
    public void Report_SevenStepsFourTasks_MatchesHandCounts()
    {
        var metrics = new MetricsAccumulator();

        // Task A: right click; right node but wrong typed value; wrong node on a target that was not shown.
        metrics.Add("A", new StepPrediction(StepActions.Click, 5, null), new StepGold(StepActions.Click, 5, null, [6]));
        metrics.Add("A", new StepPrediction(StepActions.Type, 7, "new york city"), new StepGold(StepActions.Type, 7, "New York"));
        metrics.Add("A", new StepPrediction(StepActions.Click, 6, null), new StepGold(StepActions.Click, 9, TargetInObservation: false));

        // Task B: right select; right page scroll (no target; the flag is ignored).
        metrics.Add("B", new StepPrediction(StepActions.SelectOption, 3, "travel"), new StepGold(StepActions.SelectOption, 3, "Travel"));
        metrics.Add("B", new StepPrediction(StepActions.Scroll, null, null), new StepGold(StepActions.Scroll, null, TargetInObservation: false));

        // Task C: unparsable output. Task D: an alternative positive element (element right, not an exact match).
        metrics.Add("C", StepPrediction.Unparsable, new StepGold(StepActions.Click, 5, null, [6]));
        metrics.Add("D", new StepPrediction(StepActions.Click, 6, null), new StepGold(StepActions.Click, 5, null, [6]));

        var report = metrics.Report();

        // The F1 sum is compared separately, to 12 places (floating-point summation order).
        Assert.Equal(new MetricsReport(7, 4, 1, 5, 5, report.OperationF1Sum, 4, 2, 4, 6, 4), report);
        Assert.Equal(5 + (6.0 / 7.0), report.OperationF1Sum, 12);
        Assert.Equal(5.0 / 7, report.ElementAccuracy);
        Assert.Equal((5 + (6.0 / 7.0)) / 7, report.OperationF1!.Value, 12);
        Assert.Equal(4.0 / 7, report.StepSuccessRate);
        Assert.Equal(0.5, report.TaskSuccessRate);
        Assert.Equal(4.0 / 7, report.ExactMatch);
        Assert.Equal(4.0 / 6, report.CalibratedExactMatch);
    }

    [Fact]
    public void Report_TaskFailsWhenAnyStepFails_RegardlessOfOrder()
    {
        var metrics = new MetricsAccumulator();
        var good = new StepPrediction(StepActions.Click, 1, null);
        var gold = new StepGold(StepActions.Click, 1);

        metrics.Add("t", StepPrediction.Unparsable, gold);
        metrics.Add("t", good, gold);
        metrics.Add("u", good, gold);

        Assert.Equal(1, metrics.Report().TaskSuccesses);
        Assert.Equal(2, metrics.Report().Tasks);
    }

    [Fact]
    public void Report_Empty_HasNoRates()
    {
        var report = new MetricsAccumulator().Report();

        Assert.Null(report.ElementAccuracy);
        Assert.Null(report.OperationF1);
        Assert.Null(report.TaskSuccessRate);
        Assert.Null(report.CalibratedExactMatch);
        Assert.Contains("calibrated exact match: 0/0 (n/a)", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ToString_ShowsCountsAndPercentages()
    {
        var metrics = new MetricsAccumulator();
        metrics.Add("t", new StepPrediction(StepActions.Click, 1, null), new StepGold(StepActions.Click, 1));
        metrics.Add("t", new StepPrediction(StepActions.Click, 2, null), new StepGold(StepActions.Click, 1));
        metrics.Add("t", new StepPrediction(StepActions.Click, 1, null), new StepGold(StepActions.Click, 1));

        var text = metrics.Report().ToString();

        Assert.Contains("element accuracy: 2/3 (66.7 %)", text, StringComparison.Ordinal);
        Assert.Contains("task success: 0/1 (0.0 %)", text, StringComparison.Ordinal);
        Assert.Contains("operation F1: 100.0 %", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Add_BlankTaskId_Throws(string taskId)
    {
        Assert.Throws<ArgumentException>(() => new MetricsAccumulator().Add(taskId, StepPrediction.Unparsable, new StepGold(StepActions.Click, 1)));
    }
}
