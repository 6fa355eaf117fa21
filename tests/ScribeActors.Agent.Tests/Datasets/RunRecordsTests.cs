using ScribeActors.Abstractions;
using ScribeActors.Agent.Datasets;

namespace ScribeActors.Agent.Tests.Datasets;

public sealed class RunRecordsTests
{
    private static Dictionary<int, StoredObservation> Pages(WorkflowSnapshot run) => run.Steps.ToDictionary(
        s => s.Index, s => new StoredObservation { StepIndex = s.Index, Url = s.UrlBefore, Reference = s.ObservationRef, Dom = RunSamples.Page(run.Id, s.Index) });

    [Fact]
    public void Create_RunWithARetriedClick_OneRecordPerStepThatTookEffect()
    {
        var run = RunSamples.SignIn("wf-1");

        var records = RunRecords.Create(run, Pages(run), new DatasetSettings());

        Assert.Equal(["wf-1/1", "wf-1/2", "wf-1/3"], records.Select(r => r.Id));
        Assert.All(records, r => Assert.Equal("wf-1", r.Instance));
        Assert.All(records, r => Assert.Equal(3, r.StepCount));
        Assert.All(records, r => Assert.Equal(RunSamples.Objective, r.Objective));
        Assert.All(records, r => Assert.Equal(new DatasetOutcome(true, "workflow verified: url contains /home"), r.Outcome));
        var click = records[1];
        Assert.Equal(DatasetSamples.Node(DatasetSamples.Login, "button"), click.GoldNode);
        Assert.Contains($"node=\"{click.GoldNode}\"", click.Dom, StringComparison.Ordinal);
        Assert.True(click.GoldShown);
        Assert.Equal(StepActions.Click, click.TargetStep.Action);
        var previous = Assert.Single(click.PreviousSteps);
        Assert.Equal(1, previous.Number);
        Assert.Equal(StepActions.Type, previous.Action);
        Assert.Equal("alice", records[0].Value);
        Assert.Equal("http://sites.test/home", records[2].Url);
        Assert.Null(records[2].GoldNode);
        Assert.StartsWith("3.\nDescription: Finish\nAction: finish_action\n", records[2].Target, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_LabelsNameTaskAndSite_ElseRunAndStartHost()
    {
        var labelled = RunRecords.Key(RunSamples.SignIn("wf-2", new() { ["task"] = "supplier.sign-in", ["site"] = "supplier" }));
        var plain = RunRecords.Key(RunSamples.SignIn("wf-2"));

        Assert.Equal(new DatasetInstanceKey("supplier.sign-in", "supplier", DatasetSplits.RunSeed("wf-2"), "wf-2"), labelled);
        Assert.Equal(new DatasetInstanceKey(RunRecords.DefaultTask, "sites.test", DatasetSplits.RunSeed("wf-2"), "wf-2"), plain);
        Assert.Equal("records/runs/wf-2.jsonl", plain.RelativeFile);
    }

    [Fact]
    public void Create_StepWithoutStoredPage_ThrowsNamingWorkflowAndStep()
    {
        var run = RunSamples.SignIn("wf-3");
        var pages = Pages(run);
        pages[2] = pages[2] with { Reference = null, Dom = null };

        var e = Assert.Throws<ArgumentException>(() => RunRecords.Create(run, pages, new DatasetSettings()));

        Assert.StartsWith("Workflow 'wf-3' step 3 has no stored observation", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_StepWhosePageWasSwept_ThrowsNamingTheRetention()
    {
        var run = RunSamples.SignIn("wf-4");
        var pages = Pages(run);
        pages[2] = pages[2] with { Dom = null }; // the step names a DOM the store no longer has

        var e = Assert.Throws<ArgumentException>(() => RunRecords.Create(run, pages, new DatasetSettings()));

        Assert.StartsWith("Workflow 'wf-4' step 3: its stored observation (dom/wf-4-2) is gone from the artefact store (swept under Scribe:Workflow:ObservationRetention?)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PerformedSteps_FailedRun_LeavesOutTheFinishThatDidNotEndIt()
    {
        var run = RunSamples.SignIn("wf-4") with { Status = WorkflowStatus.Failed, FailureReason = "criteria not met" };

        Assert.Equal([0, 2], RunRecords.PerformedSteps(run).Select(s => s.Index));
        Assert.Equal(new DatasetOutcome(false, "workflow failed: criteria not met"), RunRecords.Outcome(run));
    }

    [Fact]
    public void RunSeed_SameIdSameNumber_SpreadsIdsOverTheSplits()
    {
        var seeds = Enumerable.Range(0, 2000).Select(i => DatasetSplits.RunSeed($"wf-{i}")).ToList();

        Assert.Equal(seeds, Enumerable.Range(0, 2000).Select(i => DatasetSplits.RunSeed($"wf-{i}")));
        Assert.All(seeds, s => Assert.InRange(s, 0, 9999));
        var test = seeds.Count(s => DatasetSplits.BySeed(s) == "test");
        var validation = seeds.Count(s => DatasetSplits.BySeed(s) == "validation");
        Assert.InRange(test, 140, 260);
        Assert.InRange(validation, 140, 260);
    }

    [Fact]
    public void RelativeFile_IdWithPathCharacters_StaysInsideRunsFolder()
    {
        var a = new DatasetInstanceKey("run", "h", 1, "../a/b");
        var b = new DatasetInstanceKey("run", "h", 1, "../a_b");

        Assert.Matches("^records/runs/___a_b-[0-9a-f]{12}\\.jsonl$", a.RelativeFile);
        Assert.NotEqual(a.RelativeFile, b.RelativeFile);
        Assert.Equal("../a/b/4", a.RecordId(4));
    }
}
