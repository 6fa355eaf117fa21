using ScribeActors.Abstractions;
using ScribeActors.Agent.Datasets;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Datasets;

public sealed class DatasetRecordFactoryTests
{
    [Fact]
    public void Create_SignInRun_OneRecordPerStepWithHistoryLabelAndGoldNode()
    {
        var records = DatasetSamples.Records();

        Assert.Equal(["supplier.sign-in/3/1", "supplier.sign-in/3/2", "supplier.sign-in/3/3", "supplier.sign-in/3/4"], records.Select(r => r.Id));
        var click = records[2];
        var button = DatasetSamples.Node(DatasetSamples.Login, "button");
        Assert.Equal(button, click.GoldNode);
        Assert.Equal(HtmlPruner.Prune(DatasetSamples.Login).TargetTag(button), click.TargetStep.Target);
        Assert.Equal($"3.\nDescription: Click \"Sign in\"\nAction: mouse_click_action\nNode: {button} {button} {button} {button} {button}\nTarget: {click.TargetStep.Target}\n", click.Target);
        Assert.Equal([1, 2], click.PreviousSteps.Select(s => s.Number));
        Assert.Equal([DatasetSamples.Node(DatasetSamples.Login, "input"), DatasetSamples.PasswordNode()], click.PreviousSteps.Select(s => s.Node));
        Assert.StartsWith("<input", click.PreviousSteps[1].Target, StringComparison.Ordinal);
        Assert.Equal(DatasetSamples.Login, click.Dom);
        Assert.Equal(HtmlPruner.Prune(DatasetSamples.Login).Html, click.Pruned);
        Assert.Equal(click.Pruned, click.Observation);
        Assert.True(click.GoldShown);
        Assert.False(click.Truncated);
        Assert.All(records, r => Assert.Equal(4, r.StepCount));
        Assert.All(records, r => Assert.True(r.Outcome.Succeeded));
    }

    [Fact]
    public void Create_PasswordStep_CarriesThePlaceholderNotAValue()
    {
        var password = DatasetSamples.Records()[1];

        Assert.Equal("{{secret:supplier_password}}", password.Value);
        Assert.Contains("{{secret:supplier_password}}", password.Target, StringComparison.Ordinal);
        Assert.Contains("{{secret:supplier_password}}", password.Objective, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_FinishStep_HasNoGoldNodeAndRendersNone()
    {
        var finish = DatasetSamples.Records()[3];

        Assert.Null(finish.GoldNode);
        Assert.True(finish.GoldShown);
        Assert.Contains("Node: none\nTarget: none\n", finish.Target, StringComparison.Ordinal);
        Assert.Equal("http://sites.test/home", finish.Url);
    }

    [Fact]
    public void Create_PageOverTheBudget_IsFittedAndMarkedTruncated()
    {
        var filler = string.Concat(Enumerable.Range(0, 200).Select(i => $"<p>Paragraph {i} with some words to count</p>"));
        var big = TestPages.Number($"<html><body>{filler}<button>Go on</button></body></html>");

        var finish = DatasetSamples.Records(settings: new DatasetSettings { ObservationTokens = 64 }, homePage: big)[3];

        Assert.True(finish.Truncated);
        Assert.True(finish.ObservationTokens <= 64, $"{finish.ObservationTokens} tokens");
        Assert.True(finish.Observation.Length < finish.Pruned.Length);
    }

    [Fact]
    public void Create_StepWithoutObservation_ThrowsNamingTheStep()
    {
        var recording = new RecordedWorkflow
        {
            Objective = "o",
            StartUrl = "http://sites.test/",
            Steps = [new RecordedStep { Index = 1, Description = "Finish", Action = StepActions.Finish }],
        };

        var error = Assert.Throws<ArgumentException>(() => DatasetRecordFactory.Create(
            new DatasetInstanceKey("t", "s", 0), recording, new Dictionary<int, Observation>(), new DatasetOutcome(true, ""), new DatasetSettings()));

        Assert.StartsWith("t/0 step 1 has no observation.", error.Message, StringComparison.Ordinal);
    }
}
