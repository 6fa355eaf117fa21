using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Tests;

/// <summary>Identical buttons repeated per row are told apart by their row's text.</summary>
public sealed class RowContextTests
{
    private static string Queue(params string[] ids) => TestPages.Number(
        "<html><body><table><tbody>" +
        string.Concat(ids.Select(id => $"<tr><td>{id}</td><td>bob</td><td>Travel</td><td><button type=\"submit\">Approve</button><button type=\"submit\">Reject</button></td></tr>")) +
        "</tbody></table></body></html>");

    private static int ApproveIn(DomIndex dom, string id) => dom.NodeIds.Single(n =>
        dom.Find(n)!.LocalName == "button" && dom.Find(n)!.TextContent == "Approve" && dom.Find(n)!.Closest("tr")!.TextContent.Contains(id, StringComparison.Ordinal));

    [Fact]
    public void Signature_ButtonInRow_CarriesTheRowText()
    {
        var dom = DomIndex.Parse(Queue("EXP-6263", "EXP-6264"));
        var signature = dom.Signature(ApproveIn(dom, "EXP-6264"));
        Assert.Contains("EXP-6264", signature.Context);
        Assert.DoesNotContain("EXP-6263", signature.Context);
    }

    [Fact]
    public void Locate_RowsShiftedSinceRecording_PicksTheButtonOfTheRecordedRow()
    {
        var recorded = DomIndex.Parse(Queue("EXP-6262", "EXP-6263", "EXP-6264"));
        var signature = recorded.Signature(ApproveIn(recorded, "EXP-6264"));

        // Another workflow already decided EXP-6262: every row moved up, so position alone would pick EXP-6263's row... or worse.
        var fresh = DomIndex.Parse(Queue("EXP-6263", "EXP-6264", "EXP-6265"));
        var match = TargetLocator.Locate(fresh, signature);

        Assert.Equal(ApproveIn(fresh, "EXP-6264"), match.NodeId);
    }

    [Fact]
    public void Locate_RecordedRowGone_FindsNothingRatherThanAnotherRow()
    {
        var recorded = DomIndex.Parse(Queue("EXP-6263", "EXP-6264"));
        var signature = recorded.Signature(ApproveIn(recorded, "EXP-6264"));
        var match = TargetLocator.Locate(DomIndex.Parse(Queue("EXP-6263", "EXP-6265")), signature);
        Assert.Null(match.NodeId);
    }

    [Fact]
    public void Locate_SignatureWithoutContext_BehavesAsBefore()
    {
        var dom = DomIndex.Parse(Queue("EXP-1", "EXP-2"));
        var signature = dom.Signature(ApproveIn(dom, "EXP-2")) with { Context = null };
        Assert.Equal(ApproveIn(dom, "EXP-2"), TargetLocator.Locate(dom, signature).NodeId);
    }
}
