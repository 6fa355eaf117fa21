using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Tests;

/// <summary>A miss names every factor that lowered the best candidate's score, with what that factor alone cost
/// (the score with it neutral minus the score), and never hides a penalty behind the evidence that agreed.</summary>
public sealed class TargetLocatorReasonTests
{
    private static string Segment(string reason, string start) =>
        reason[reason.IndexOf(start, StringComparison.Ordinal)..][..(reason[reason.IndexOf(start, StringComparison.Ordinal)..].IndexOf(". ", StringComparison.Ordinal) + 1)];

    [Fact]
    public void Locate_AgreeingTextAndNameButOtherRow_ListsDisagreementPositionAndContext()
    {
        // The recorded button stood first on the page, first in its row, in the row's third cell, in the row of
        // EXP-6264. The page has it in EXP-6263's row, second on the page, with type="button" instead of "submit".
        var page = DomIndex.Parse(TestPages.Number(
            "<html><body><button type=\"reset\" name=\"cancel\">Cancel</button><table><tr><td>EXP-6263</td><td>bob</td>" +
            "<td><button type=\"button\" name=\"decision\">Approve</button></td></tr></table></body></html>"));
        var signature = new TargetSignature
        {
            Tag = "button",
            Text = "Approve",
            Attributes = new() { ["name"] = "decision", ["type"] = "submit" },
            Context = "EXP-6264 bob",
            Position = 0,
            SameTagCount = 2,
            Cell = 2,
            RowIndex = 0,
        };

        var match = TargetLocator.Locate(page, signature);

        // score = 0.4 x (0.9 x 6/7 + 0.1 x 2/3) = 0.34; type agreeing: 0.4 x (0.9 + 0.1 x 2/3) = 0.39 (+0.05);
        // position agreeing: +0.4 x 0.1 / 3 = 0.01; row context matching: 0.84 (+0.50).
        Assert.Null(match.NodeId);
        Assert.Equal(0.3352, match.Score);
        Assert.Equal(
            "Agreeing: name \"decision\" exact; text \"Approve\" exact; 1st <button> of its row (recorded 1st); cell 3 of its row (recorded 3).",
            Segment(match.Reason, "Agreeing: "));
        Assert.Equal(
            "Lowered by: type differs: \"button\" instead of \"submit\", costs 0.05; position 2 of 2 <button> (recorded 1 of 2), costs 0.01; " +
            "row context lacks \"6264\" of the recorded row \"EXP-6264 bob\" (score x0.4), costs 0.50.",
            Segment(match.Reason, "Lowered by: "));
    }

    [Fact]
    public void Locate_TooLittleEvidenceAndAMissingField_ListsTheFloorAndTheField()
    {
        var page = DomIndex.Parse(TestPages.Number("<html><body><input type=\"text\"></body></html>"));
        var signature = new TargetSignature { Tag = "input", Attributes = new() { ["type"] = "text", ["role"] = "spinbutton" }, SameTagCount = 1 };

        var match = TargetLocator.Locate(page, signature);

        // score = 0.9 x 1/2.5 + 0.1 = 0.46; without the floor 0.9 x 1/2 + 0.1 = 0.55 (+0.09); with the role 0.82 (+0.36).
        Assert.Null(match.NodeId);
        Assert.Equal(0.46, match.Score);
        Assert.Equal("Agreeing: type \"text\" exact; position 1 of 1 <input> (recorded 1 of 1).", Segment(match.Reason, "Agreeing: "));
        Assert.EndsWith(
            "Lowered by: little evidence: 2.0 of the 2.5 units a match needs, costs 0.09; role \"spinbutton\" missing, costs 0.36.",
            match.Reason,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_StrongDisagreementAndSimilarText_ListsBothWithTheirCosts()
    {
        var page = DomIndex.Parse(TestPages.Number("<html><body><a href=\"/invoices/4471/dispute\">Download the PDF</a></body></html>"));
        var signature = new TargetSignature { Tag = "a", Text = "Download PDF", Attributes = new() { ["href"] = "/invoices/4471/pdf" }, SameTagCount = 1 };

        var match = TargetLocator.Locate(page, signature);

        Assert.Null(match.NodeId);
        var lowered = Segment(match.Reason + " ", "Lowered by: ");
        Assert.StartsWith("Lowered by: href differs: \"/invoices/4471/dispute\" instead of \"/invoices/4471/pdf\" (strong, score x0.4), costs 0.", lowered, StringComparison.Ordinal);
        Assert.Contains("; text \"Download PDF\" similar to \"Download the PDF\" (0.", lowered, StringComparison.Ordinal);
        Assert.Equal("Agreeing: position 1 of 1 <a> (recorded 1 of 1).", Segment(match.Reason, "Agreeing: "));
    }

    [Fact]
    public void Locate_PerfectFieldsRejectedByContext_ReasonNamesTheContextNotOnlyTheAgreeingFields()
    {
        // The bug report: a miss said "href exact; text exact" and hid the penalty that failed it.
        var page = DomIndex.Parse(TestPages.Number("<html><body><ul><li>Order 1001 <a href=\"/orders/1001\">Open</a></li></ul></body></html>"));
        var signature = new TargetSignature { Tag = "a", Text = "Open", Attributes = new() { ["href"] = "/orders/1001" }, Context = "Order 1002 Open", SameTagCount = 1 };

        var match = TargetLocator.Locate(page, signature);

        Assert.Null(match.NodeId);
        Assert.Contains("Agreeing: href \"/orders/1001\" exact; text \"Open\" exact;", match.Reason, StringComparison.Ordinal);
        Assert.Contains("Lowered by: row context lacks \"1002\" of the recorded row \"Order 1002 Open\" (score x0.4), costs 0.60.", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_Found_ReasonStillListsWhatLoweredTheScore()
    {
        var page = DomIndex.Parse(TestPages.Number("<html><body><button>Other</button><button class=\"primary\">Save</button></body></html>"));
        var signature = new TargetSignature { Tag = "button", Text = "Save", Classes = ["primary", "wide"], Position = 0, SameTagCount = 2 };

        var match = TargetLocator.Locate(page, signature);

        Assert.True(match.Found, match.Reason);
        Assert.Contains("Lowered by: class \"primary wide\" similar to \"primary\" (lacks \"wide\"; 0.50), costs 0.", match.Reason, StringComparison.Ordinal);
        Assert.Contains("; position 2 of 2 <button> (recorded 1 of 2), costs 0.10.", match.Reason, StringComparison.Ordinal);
    }
}
