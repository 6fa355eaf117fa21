using ScribeActors.Abstractions;
using ScribeActors.Agent.Recording;
using ScribeActors.Agent.Replay;

namespace ScribeActors.Agent.Tests.Recording;

/// <summary>Recordings written before signatures carried classes, icons, aria-labelledby text and row places still
/// load and replay as they did; new recordings carry those fields through the replay file.</summary>
public sealed class LegacyRecordingTests
{
    // What the recorder wrote before: the signature's context is the row's raw text content, its cells run together.
    private const string OldRecording = """
        {
          "formatVersion": 1,
          "objective": "Approve EXP-6264",
          "startUrl": "http://127.0.0.1:5100/expenses/queue",
          "steps": [
            {
              "index": 1,
              "description": "Click \"Approve\"",
              "action": "mouse_click_action",
              "node": 17,
              "target": "<button node=\"17\" type=\"submit\">",
              "signature": {
                "tag": "button",
                "attributes": { "type": "submit" },
                "text": "Approve",
                "position": 2,
                "sameTagCount": 6,
                "context": "EXP-6264bobTravelApproveReject"
              },
              "url": "http://127.0.0.1:5100/expenses/queue"
            },
            { "index": 2, "description": "Done", "action": "finish_action" }
          ]
        }
        """;

    private static string Queue(params string[] ids) => TestPages.Number(
        "<html><body><table><tbody>" +
        string.Concat(ids.Select(id => $"<tr><td>{id}</td><td>bob</td><td>Travel</td><td><button type=\"submit\">Approve</button><button type=\"submit\">Reject</button></td></tr>")) +
        "</tbody></table></body></html>");

    private static int ApproveIn(DomIndex dom, string id) => dom.NodeIds.Single(n =>
        dom.Find(n)!.LocalName == "button" && dom.Find(n)!.TextContent == "Approve" && dom.Find(n)!.Closest("tr")!.TextContent.Contains(id, StringComparison.Ordinal));

    [Fact]
    public void Parse_RecordingWithoutNewSignatureFields_LoadsThemAsAbsent()
    {
        var signature = RecordedWorkflowFile.Parse(OldRecording, "old.json").Steps[0].Signature!;

        Assert.Null(signature.Classes);
        Assert.Null(signature.Icons);
        Assert.Null(signature.LabelledBy);
        Assert.Null(signature.Cell);
        Assert.Null(signature.RowIndex);
        Assert.Equal("EXP-6264bobTravelApproveReject", signature.Context);
    }

    [Fact]
    public void Next_OldRecordingRowsShifted_ActsInTheRecordedRow()
    {
        var recording = RecordedWorkflowFile.Parse(OldRecording, "old.json");
        var fresh = DomIndex.Parse(Queue("EXP-6263", "EXP-6264", "EXP-6265"));

        var decision = ReplayPlanner.Next(recording, 0, fresh);

        Assert.True(decision.Kind == ReplayDecisionKind.Act, decision.Error);
        Assert.Equal(BrowserAction.Click(ApproveIn(fresh, "EXP-6264")), decision.Action);
    }

    [Fact]
    public void Next_OldRecordingRowGone_FailsRatherThanActingInAnotherRow()
    {
        var recording = RecordedWorkflowFile.Parse(OldRecording, "old.json");

        var decision = ReplayPlanner.Next(recording, 0, DomIndex.Parse(Queue("EXP-6263", "EXP-6265")));

        Assert.Equal(ReplayDecisionKind.Fail, decision.Kind);
        Assert.Contains("row context lacks \"6264bobtravelapprovereject\"", decision.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_OldRecording_WritesNoNewFields()
    {
        var json = RecordedWorkflowFile.Serialize(RecordedWorkflowFile.Parse(OldRecording, "old.json"));

        foreach (var name in new[] { "classes", "icons", "labelledBy", "cell", "rowIndex" })
        {
            Assert.DoesNotContain($"\"{name}\"", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Serialize_NewSignature_RoundTripsEveryNewField()
    {
        var dom = DomIndex.Parse(TestPages.Number(
            "<html><body><span id=\"l\">Remove row</span><table><tr><td>INV-7</td><td>" +
            "<button type=\"button\" class=\"icon-btn css-1x2y3z\" aria-labelledby=\"l\"><svg><use href=\"#icon-trash\"></use></svg></button></td></tr></table></body></html>"));
        var button = dom.NodeIds.Single(n => dom.Find(n)!.LocalName == "button");
        var recording = new RecordedWorkflow
        {
            Objective = "Remove INV-7",
            StartUrl = "http://s.test/",
            Steps = [new RecordedStep { Index = 1, Description = "Click the trash icon", Action = StepActions.Click, Node = button, Signature = dom.Signature(button) }],
        };

        var back = RecordedWorkflowFile.Parse(RecordedWorkflowFile.Serialize(recording)).Steps[0].Signature!;

        Assert.Equal(["icon-btn"], back.Classes!);
        Assert.Equal(["trash"], back.Icons!);
        Assert.Equal("Remove row", back.LabelledBy);
        Assert.Equal(1, back.Cell);
        Assert.Equal(0, back.RowIndex);
        Assert.Equal(RecordedWorkflowFile.Serialize(recording), RecordedWorkflowFile.Serialize(recording with { Steps = [recording.Steps[0] with { Signature = back }] }));
    }
}
