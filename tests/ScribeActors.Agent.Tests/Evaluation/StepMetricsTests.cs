using ScribeActors.Abstractions;
using ScribeActors.Agent.Evaluation;

namespace ScribeActors.Agent.Tests.Evaluation;

public sealed class StepMetricsTests
{
    [Theory]
    [InlineData("type new york city", "type new york", 6.0 / 7.0)]
    [InlineData("Click, the BUTTON!", "click button", 0.8)]
    [InlineData("a a b", "b a", 1.0)]
    [InlineData("click", "type", 0.0)]
    [InlineData("", "", 1.0)]
    [InlineData("!!", "", 1.0)]
    [InlineData("click", "", 0.0)]
    [InlineData(null, "click", 0.0)]
    public void TokenF1_HandComputedCases(string? predicted, string? gold, double expected)
    {
        Assert.Equal(expected, StepMetrics.TokenF1(predicted, gold), 12);
    }

    [Theory]
    [InlineData(StepActions.Click, "New York", "click")]
    [InlineData(StepActions.Type, "New York", "type New York")]
    [InlineData(StepActions.SelectOption, " Travel ", "select Travel")]
    [InlineData(StepActions.KeyCombination, "Control+A", "press Control+A")]
    [InlineData(StepActions.Type, null, "type")]
    [InlineData(StepActions.GoBack, null, "back")]
    [InlineData(StepActions.Goto, "https://x", "goto")]
    [InlineData("hover_action", "x", "hover_action")]
    public void Operation_CategoryAndValue(string action, string? value, string expected)
    {
        Assert.Equal(expected, StepMetrics.Operation(action, value));
    }

    [Fact]
    public void Score_RightNodeWrongTypedValue_IsElementCorrectButNoStepSuccess()
    {
        var score = StepMetrics.Score(new StepPrediction(StepActions.Type, 7, "new york city"), new StepGold(StepActions.Type, 7, "New York"));

        Assert.Equal(new StepScore(true, true, true, false, 6.0 / 7.0, false, true), score);
    }

    [Fact]
    public void Score_ValueComparison_IgnoresCaseAndPunctuation()
    {
        var score = StepMetrics.Score(new StepPrediction(StepActions.SelectOption, 3, "travel!"), new StepGold(StepActions.SelectOption, 3, "Travel"));

        Assert.True(score.StepSuccess);
        Assert.Equal(1.0, score.OperationF1);
    }

    [Fact]
    public void Score_ClickVersusSelectOnTheSameNode_IsWrongOperation()
    {
        var score = StepMetrics.Score(new StepPrediction(StepActions.Click, 3, null), new StepGold(StepActions.SelectOption, 3, "Travel"));

        Assert.True(score.ElementCorrect);
        Assert.False(score.OperationCorrect);
        Assert.Equal(0.0, score.OperationF1); // {click} vs {select, travel}: nothing shared
    }

    [Fact]
    public void Score_AlternativeNode_IsElementCorrectButNotExactMatch()
    {
        var score = StepMetrics.Score(new StepPrediction(StepActions.Click, 6, null), new StepGold(StepActions.Click, 5, null, [6]));

        Assert.True(score.ElementCorrect);
        Assert.False(score.ExactMatch);
        Assert.True(score.StepSuccess);
    }

    [Fact]
    public void Score_GoldWithoutTarget_NeedsAPredictionWithoutNode()
    {
        var gold = new StepGold(StepActions.Scroll, null, TargetInObservation: false);

        Assert.True(StepMetrics.Score(new StepPrediction(StepActions.Scroll, null, null), gold).StepSuccess);
        Assert.False(StepMetrics.Score(new StepPrediction(StepActions.Scroll, 4, null), gold).ElementCorrect);
        Assert.True(StepMetrics.Score(new StepPrediction(StepActions.Scroll, null, null), gold).Calibrated);
    }

    [Fact]
    public void Score_Unparsable_FailsEverything()
    {
        var score = StepMetrics.Score(StepPrediction.Unparsable, new StepGold(StepActions.Click, 5, TargetInObservation: false));

        Assert.Equal(new StepScore(false, false, false, false, 0, false, false), score);
    }

    [Fact]
    public void StepGold_UnknownAction_ThrowsNamingIt()
    {
        var e = Assert.Throws<ArgumentException>(() => new StepGold("hover_action", 1));

        Assert.Contains("\"hover_action\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StepGold_TypeWithoutValue_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new StepGold(StepActions.Type, 1));

        Assert.Contains("needs its value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromStep_ReadsValuesLikeTheActionMapper()
    {
        var typed = StepPrediction.FromStep(new ScribeStep(2, "Type \"Oslo\" into the city field", StepActions.Type, 7, "<input node=\"7\">"));
        var keys = StepGold.FromStep(new ScribeStep(3, "Press ctrl+a", StepActions.KeyCombination, 7, "<input node=\"7\">"), targetInObservation: false);
        var click = StepPrediction.FromStep(new ScribeStep(1, "Click \"Save\"", StepActions.Click, 0, "<button node=\"0\">"));

        Assert.Equal(new StepPrediction(StepActions.Type, 7, "Oslo"), typed);
        Assert.Equal("Control+A", keys.Value);
        Assert.False(keys.TargetInObservation);
        Assert.Null(click.Value);
    }

    [Fact]
    public void StepGoldFromStep_TypeWithoutReadableText_Throws()
    {
        Assert.Throws<ArgumentException>(() => StepGold.FromStep(new ScribeStep(1, "Fill in the name", StepActions.Type, 7, "<input node=\"7\">")));
    }
}
