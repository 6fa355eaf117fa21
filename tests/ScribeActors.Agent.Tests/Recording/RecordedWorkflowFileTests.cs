using ScribeActors.Abstractions;
using ScribeActors.Agent.Recording;

namespace ScribeActors.Agent.Tests.Recording;

public sealed class RecordedWorkflowFileTests
{
    private static readonly RecordedWorkflow Sample = new()
    {
        Objective = "File a dispute",
        StartUrl = "http://127.0.0.1:5100/supplier/",
        Source = "demo:x",
        Steps =
        [
            new RecordedStep { Index = 1, Description = "Type \"alice\"", Action = StepActions.Type, Value = "alice", Node = 12, Target = "<input name=\"username\" node=\"12\">", Signature = new TargetSignature { Tag = "input", Attributes = new() { ["name"] = "username" }, Position = 0, SameTagCount = 2 } },
            new RecordedStep { Index = 2, Description = "Done", Action = StepActions.Finish },
        ],
    };

    [Fact]
    public void Serialize_ThenParse_RoundTrips()
    {
        var json = RecordedWorkflowFile.Serialize(Sample);
        Assert.Contains("\"keyboard_sequence_action\"", json);
        var back = RecordedWorkflowFile.Parse(json);
        Assert.Equal(Sample.Objective, back.Objective);
        Assert.Equal(2, back.Steps.Length);
        Assert.Equal("username", back.Steps[0].Signature!.Attributes["name"]);
        Assert.Equal(RecordedWorkflowFile.Serialize(Sample), RecordedWorkflowFile.Serialize(back));
    }

    [Fact]
    public void Parse_BrokenJson_NamesTheFileAndLine()
    {
        var e = Assert.Throws<RecordedWorkflowFormatException>(() => RecordedWorkflowFile.Parse("{\n  \"objective\": \"x\",\n  \"steps\": [ oops ]\n}", "my.json"));
        Assert.Contains("my.json", e.Message);
        Assert.Contains("line 3", e.Message);
    }

    [Fact]
    public void Parse_MissingRequiredField_NamesIt()
    {
        var e = Assert.Throws<RecordedWorkflowFormatException>(() => RecordedWorkflowFile.Parse("{\"objective\":\"x\",\"steps\":[]}", "f.json"));
        Assert.Contains("startUrl", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_SemanticProblems_ListsEveryOne()
    {
        var json = RecordedWorkflowFile.Serialize(Sample with
        {
            StartUrl = "relative/path",
            Steps =
            [
                new RecordedStep { Description = "", Action = "teleport_action" },
                new RecordedStep { Description = "Click", Action = StepActions.Click },
            ],
        });
        var e = Assert.Throws<RecordedWorkflowFormatException>(() => RecordedWorkflowFile.Parse(json, "f.json"));
        Assert.Contains("startUrl 'relative/path'", e.Message);
        Assert.Contains("steps[0].description is empty", e.Message);
        Assert.Contains("steps[0].action 'teleport_action' is unknown", e.Message);
        Assert.Contains("steps[1].signature is missing", e.Message);
    }

    [Fact]
    public void Parse_MalformedNewSignatureFields_NamesStepAndField()
    {
        var signature = Sample.Steps[0].Signature!;
        var json = RecordedWorkflowFile.Serialize(Sample with
        {
            Steps =
            [
                Sample.Steps[0] with { Signature = signature with { Cell = -1 } },
                Sample.Steps[0] with { Signature = signature with { Classes = ["btn", " "] } },
                Sample.Steps[0] with { Signature = signature with { Icons = [""] } },
            ],
        });

        var e = Assert.Throws<RecordedWorkflowFormatException>(() => RecordedWorkflowFile.Parse(json, "f.json"));

        Assert.Contains("steps[0].signature.cell is negative.", e.Message);
        Assert.Contains("steps[1].signature.classes has a blank entry.", e.Message);
        Assert.Contains("steps[2].signature.icons has a blank entry.", e.Message);
    }

    [Fact]
    public void Parse_NullOrEmptySteps_Rejected()
    {
        Assert.Throws<RecordedWorkflowFormatException>(() => RecordedWorkflowFile.Parse("null"));
        var e = Assert.Throws<RecordedWorkflowFormatException>(() => RecordedWorkflowFile.Parse("{\"objective\":\"x\",\"startUrl\":\"http://a/\",\"steps\":[]}"));
        Assert.Contains("steps is empty", e.Message);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFoundNamingIt()
    {
        var e = Assert.Throws<FileNotFoundException>(() => RecordedWorkflowFile.Load("/definitely/not/here.json"));
        Assert.Contains("/definitely/not/here.json", e.Message);
    }
}
