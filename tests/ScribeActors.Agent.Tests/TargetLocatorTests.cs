using System.Text;
using ScribeActors.Abstractions;
using Xunit.Abstractions;

namespace ScribeActors.Agent.Tests;

public sealed class TargetLocatorTests(ITestOutputHelper output)
{
    private static (TargetSignature Signature, int NodeId) Record(string page, Func<AngleSharp.Dom.IElement, bool> pick)
    {
        var index = DomIndex.Parse(page);
        var id = index.NodeIds.First(n => pick(index.Find(n)!));
        return (index.Signature(id), id);
    }

    private static bool IsButton(AngleSharp.Dom.IElement e, string text) => e.LocalName == "button" && e.TextContent.Trim() == text;

    private static string TextOf(DomIndex index, int? nodeId) => index.Find(nodeId!.Value)!.TextContent.Trim();

    [Fact]
    public void Locate_SamePage_FindsTheRecordedElement()
    {
        var page = TestPages.Invoice();
        var (signature, id) = Record(page, e => IsButton(e, "Download PDF"));

        var match = TargetLocator.Locate(DomIndex.Parse(page), signature);

        Assert.Equal(id, match.NodeId);
        Assert.True(match.Score > 0.9, match.Reason);
        Assert.Contains($"node {id}", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_IdsClassesAndAttributeOrderChanged_FindsTheElement()
    {
        var (signature, _) = Record(TestPages.Invoice("a1"), e => IsButton(e, "Download PDF"));
        var fresh = DomIndex.Parse(TestPages.Invoice("zz9", reverseAttributes: true));

        var match = TargetLocator.Locate(fresh, signature);

        Assert.True(match.Found, match.Reason);
        Assert.Equal("Download PDF", TextOf(fresh, match.NodeId));
        Assert.Contains("id differs (ignored", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_DistractorsInserted_FindsTheElement()
    {
        var (signature, _) = Record(TestPages.Invoice(), e => IsButton(e, "Dispute"));
        var fresh = DomIndex.Parse(TestPages.Invoice("q7", distractors: true));

        var match = TargetLocator.Locate(fresh, signature);

        Assert.True(match.Found, match.Reason);
        Assert.Equal("Dispute", TextOf(fresh, match.NodeId));
    }

    [Fact]
    public void Locate_ElementMoved_FindsTheElement()
    {
        var (signature, _) = Record(TestPages.Invoice(), e => IsButton(e, "Download PDF"));
        var fresh = DomIndex.Parse(TestPages.Invoice("m3", distractors: true, moveDownload: true));

        var match = TargetLocator.Locate(fresh, signature);

        Assert.True(match.Found, match.Reason);
        Assert.Equal("Download PDF", TextOf(fresh, match.NodeId));
    }

    [Fact]
    public void Locate_TargetGone_ReturnsNotFoundWithReason()
    {
        var (signature, _) = Record(TestPages.Invoice(), e => IsButton(e, "Download PDF"));
        var fresh = DomIndex.Parse(TestPages.Invoice("b2", withoutDownload: true));

        var match = TargetLocator.Locate(fresh, signature);

        Assert.Null(match.NodeId);
        Assert.False(match.Found);
        Assert.True(match.Score < 0.5, match.Reason);
        Assert.StartsWith("Not found", match.Reason, StringComparison.Ordinal);
        Assert.Contains("<button>", match.Reason, StringComparison.Ordinal);
        Assert.Contains("\"Download PDF\"", match.Reason, StringComparison.Ordinal);
        Assert.Contains("type=\"button\"", match.Reason, StringComparison.Ordinal);
        Assert.Contains("scored", match.Reason, StringComparison.Ordinal);
        output.WriteLine(match.Reason);
    }

    [Fact]
    public void Locate_NoElementWithTheTag_ReturnsNotFoundNamingTheTag()
    {
        var signature = new TargetSignature { Tag = "select", Attributes = new() { ["name"] = "category" } };

        var match = TargetLocator.Locate(DomIndex.Parse(TestPages.Invoice()), signature);

        Assert.Null(match.NodeId);
        Assert.Equal(0, match.Score);
        Assert.Contains("no <select> element", match.Reason, StringComparison.Ordinal);
        Assert.Contains("name=\"category\"", match.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Download PDF", "Dispute")]
    [InlineData("Dispute", "Download PDF")]
    [InlineData("Approve", "Reject")]
    [InlineData("Save", "Delete")]
    public void Locate_TwoButtonsWithDifferentText_NeverConfusesThem(string wanted, string other)
    {
        // The recorded button stood first; in the fresh page the other button stands exactly there.
        var recorded = TestPages.Number($"<html><body><button type=\"button\" class=\"a\">{wanted}</button><button type=\"button\" class=\"b\">{other}</button></body></html>");
        var (signature, _) = Record(recorded, e => IsButton(e, wanted));
        var swapped = DomIndex.Parse(TestPages.Number($"<html><body><button type=\"button\" class=\"k\">{other}</button><button type=\"button\" class=\"j\">{wanted}</button></body></html>"));
        var alone = DomIndex.Parse(TestPages.Number($"<html><body><button type=\"button\" class=\"a\">{other}</button></body></html>"));

        var inSwapped = TargetLocator.Locate(swapped, signature);
        var inAlone = TargetLocator.Locate(alone, signature);

        Assert.Equal(wanted, TextOf(swapped, inSwapped.NodeId));
        Assert.Null(inAlone.NodeId);
        Assert.Contains("text differs", inAlone.Reason, StringComparison.Ordinal);
        Assert.Contains($"\"{other}\"", inAlone.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_InputsKnownByLabelOnly_FindsByLabelAfterIdsChanged()
    {
        var (signature, _) = Record(TestPages.Invoice("a1"), e => e.LocalName == "input" && e.Id == "n-a1");
        var fresh = DomIndex.Parse(TestPages.Invoice("x5", distractors: true));

        var match = TargetLocator.Locate(fresh, signature);

        Assert.True(match.Found, match.Reason);
        Assert.Equal("n-x5", fresh.Find(match.NodeId!.Value)!.Id);
        Assert.Contains("label \"Note\" exact", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_InputInsideLabel_FindsByNameAndLabel()
    {
        var (signature, _) = Record(TestPages.Invoice(), e => e.GetAttribute("name") == "amount");
        var fresh = DomIndex.Parse(TestPages.Invoice("r4", distractors: true, reverseAttributes: true));

        var match = TargetLocator.Locate(fresh, signature);

        Assert.Equal("amount", fresh.Find(match.NodeId!.Value)!.GetAttribute("name"));
    }

    [Fact]
    public void Locate_DifferentNameAttribute_LowersTheScoreBelowTheMinimum()
    {
        var signature = new TargetSignature { Tag = "input", Attributes = new() { ["name"] = "amount", ["type"] = "text" } };
        var page = DomIndex.Parse(TestPages.Number("<html><body><input name=\"coupon\" type=\"text\"></body></html>"));

        var match = TargetLocator.Locate(page, signature);

        Assert.Null(match.NodeId);
        Assert.Contains("name differs: \"coupon\" instead of \"amount\"", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_LinksWithSameTextDifferentHref_PicksByPathIgnoringHostAndQueryOrder()
    {
        var page = DomIndex.Parse(TestPages.Number(
            "<html><body><a href=\"/invoices/4471?tab=1&amp;lang=en\">View</a><a href=\"/invoices/4472?tab=1&amp;lang=en\">View</a><a href=\"/invoices/4473\">View</a></body></html>"));
        var signature = new TargetSignature
        {
            Tag = "a",
            Text = "View",
            Attributes = new() { ["href"] = "http://127.0.0.1:5123/invoices/4472?lang=en&tab=1" },
            Position = 0,
            SameTagCount = 3,
        };

        var match = TargetLocator.Locate(page, signature);

        Assert.Equal("/invoices/4472?tab=1&lang=en", page.Find(match.NodeId!.Value)!.GetAttribute("href"));
        Assert.Contains("href", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_IdenticalCandidates_TieBreaksByClosestPositionThenDocumentOrder()
    {
        var page = DomIndex.Parse(TestPages.Number(
            "<html><body><button type=\"button\">Remove</button><button type=\"button\">Remove</button><button type=\"button\">Remove</button></body></html>"));
        var buttons = page.NodeIds.Where(n => page.Find(n)!.LocalName == "button").ToList();

        var second = TargetLocator.Locate(page, new TargetSignature { Tag = "button", Text = "Remove", Position = 1, SameTagCount = 3 });
        var beyondEnd = TargetLocator.Locate(page, new TargetSignature { Tag = "button", Text = "Remove", Position = 7, SameTagCount = 8 });

        Assert.Equal(buttons[1], second.NodeId);
        Assert.Equal(buttons[2], beyondEnd.NodeId);
    }

    [Fact]
    public void Locate_SlightlyChangedText_StillMatchesExactBeforeSimilar()
    {
        var page = DomIndex.Parse(TestPages.Number("<html><body><button>Save draft</button><button>save</button><button>Cancel</button></body></html>"));
        var buttons = page.NodeIds.Where(n => page.Find(n)!.LocalName == "button").ToList();

        var exactish = TargetLocator.Locate(page, new TargetSignature { Tag = "button", Text = "Save", Position = 0, SameTagCount = 3 });
        var similar = TargetLocator.Locate(DomIndex.Parse(TestPages.Number("<html><body><button>Save changes</button></body></html>")),
            new TargetSignature { Tag = "button", Text = "Save", Position = 0, SameTagCount = 1 });

        Assert.Equal(buttons[1], exactish.NodeId);
        Assert.True(similar.Found, similar.Reason);
        Assert.Contains("similar", similar.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_OnlyIdEvidence_MatchesAnEqualIdButNotAnother()
    {
        var signature = new TargetSignature { Tag = "div", Attributes = new() { ["id"] = "panel" } };

        var same = TargetLocator.Locate(DomIndex.Parse(TestPages.Number("<html><body><div></div><div id=\"panel\"></div></body></html>")), signature);
        var other = TargetLocator.Locate(DomIndex.Parse(TestPages.Number("<html><body><div id=\"panel-2\"></div></body></html>")), signature);

        Assert.True(same.Found, same.Reason);
        Assert.Null(other.NodeId);
        Assert.Contains("no stable evidence", other.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_OptionByValueAndText_FindsTheOption()
    {
        var page = DomIndex.Parse(TestPages.Number(
            "<html><body><select name=\"category\"><option value=\"meals\">Meals</option><option value=\"travel\">Travel</option><option value=\"other\">Other</option></select></body></html>"));
        var signature = new TargetSignature { Tag = "option", Text = "Travel", Attributes = new() { ["value"] = "travel" }, Position = 2, SameTagCount = 3 };

        var match = TargetLocator.Locate(page, signature);

        Assert.Equal("Travel", TextOf(page, match.NodeId));
    }

    [Fact]
    public void Locate_MinScore_ControlsAcceptance()
    {
        var page = DomIndex.Parse(TestPages.Number("<html><body><button>Save changes</button></body></html>"));
        var signature = new TargetSignature { Tag = "button", Text = "Save", SameTagCount = 1 };

        Assert.True(TargetLocator.Locate(page, signature, minScore: 0).Found);
        Assert.False(TargetLocator.Locate(page, signature, minScore: 1).Found);
    }

    [Fact]
    public void Locate_InvalidArguments_Throw()
    {
        var page = DomIndex.Parse(TestPages.Invoice());
        var signature = new TargetSignature { Tag = "button" };

        Assert.Throws<ArgumentNullException>(() => TargetLocator.Locate(null!, signature));
        Assert.Throws<ArgumentNullException>(() => TargetLocator.Locate(page, null!));
        Assert.Throws<ArgumentException>(() => TargetLocator.Locate(page, new TargetSignature { Tag = " " }));
        Assert.Throws<ArgumentOutOfRangeException>(() => TargetLocator.Locate(page, signature, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => TargetLocator.Locate(page, signature, double.NaN));
    }

    [Fact]
    public void Locate_SameInputTwice_IsDeterministic()
    {
        var (signature, _) = Record(TestPages.Invoice(), e => IsButton(e, "Dispute"));
        var fresh = DomIndex.Parse(TestPages.Invoice("d4", distractors: true));

        var first = TargetLocator.Locate(fresh, signature);
        var second = TargetLocator.Locate(fresh, signature);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Locate_TenThousandElementPage_FindsTheTargetAmongTwoThousandLookalikes()
    {
        // 2,000 rows of 5 elements: the candidates for a button are 2,000 buttons with near-identical text. (How long
        // it takes is the locate benchmark's business: ./scribe.sh bench locate.)
        var sb = new StringBuilder("<html><body>");
        for (var i = 0; i < 2000; i++)
        {
            sb.Append($"<div class=\"row r{i}\"><span>Item {i}</span><a href=\"/items/{i}\">Open</a><button type=\"button\" id=\"b{i}\">Select {i}</button><input name=\"qty-{i}\"></div>");
        }

        var html = TestPages.Number(sb.Append("</body></html>").ToString());
        var recorded = DomIndex.Parse(html);
        var targetId = recorded.NodeIds.First(n => recorded.Find(n)!.TextContent == "Select 1500");
        var signature = recorded.Signature(targetId) with { Attributes = new() { ["type"] = "button", ["id"] = "random-id" } };

        var page = DomIndex.Parse(html);
        var match = TargetLocator.Locate(page, signature);

        Assert.True(page.Count >= 10_000);
        Assert.Equal(targetId, match.NodeId);
    }
}
