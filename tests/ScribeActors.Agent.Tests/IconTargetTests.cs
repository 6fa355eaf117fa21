using System.Text;
using AngleSharp.Dom;
using ScribeActors.Abstractions;
using Xunit.Abstractions;

namespace ScribeActors.Agent.Tests;

/// <summary>
/// Targets known by classes, ARIA names and icons rather than text: each kind of evidence finds its element on the
/// identical page and on a reshuffled one (other node ids, ids, generated classes and order), and still refuses a
/// different control. The element meant carries <c>data-truth</c>, which is no evidence (only the test reads it).
/// </summary>
public sealed class IconTargetTests(ITestOutputHelper output)
{
    private const string Truth = "data-truth";

    public static TheoryData<string, string, string> Evidence() => new()
    {
        {
            "a span known only by its class",
            "<div class=\"toolbar\"><span class=\"edit\"></span><span class=\"trash\" data-truth></span><span class=\"star\"></span></div>",
            "<div class=\"bar-x9\"><span class=\"star css-9a8b7c\"></span><span class=\"hint\">Tip</span><span class=\"css-9a8b7c trash\" data-truth></span><span class=\"edit\"></span></div>"
        },
        {
            "an input known only by its class",
            "<p><input class=\"recipient\" type=\"text\" id=\"r-5f3a\" data-truth></p><p><input class=\"coupon\" type=\"text\"></p>",
            "<p><input type=\"text\" class=\"search\" id=\"s-77c1\"></p><p><input class=\"coupon\" type=\"text\"></p><p><input id=\"r-77c1\" class=\"form-control recipient\" type=\"text\" data-truth></p>"
        },
        {
            "a button named by aria-labelledby",
            "<h2 id=\"h-1\">Archive</h2><button type=\"button\" aria-labelledby=\"h-1\" data-truth>⎘</button><h2 id=\"h-2\">Delete</h2><button type=\"button\" aria-labelledby=\"h-2\">⎘</button>",
            "<h2 id=\"q-2\">Delete</h2><button type=\"button\" aria-labelledby=\"q-2\">⎘</button><h2 id=\"q-1\">Archive</h2><button type=\"button\" aria-labelledby=\"q-1\" data-truth>⎘</button>"
        },
        {
            "an icon-only link named by role and title",
            "<a role=\"button\" title=\"Minimize\">–</a><a role=\"button\" title=\"Close\" data-truth>×</a>",
            "<a role=\"button\" title=\"Close\" data-truth>×</a><a role=\"button\" title=\"Help\">?</a><a role=\"button\" title=\"Minimize\">–</a>"
        },
        {
            "a button with an svg/use icon",
            "<button type=\"button\" class=\"icon-btn\"><svg><use href=\"#icon-edit\"></use></svg></button><button type=\"button\" class=\"icon-btn\" data-truth><svg><use href=\"#icon-trash\"></use></svg></button>",
            "<button class=\"icon-btn\" type=\"button\" data-truth><svg class=\"i\"><use xlink:href=\"/sprite.svg#icon-trash\"></use></svg></button><button type=\"button\" class=\"icon-btn\"><svg><use href=\"#icon-edit\"></use></svg></button>"
        },
        {
            "a button with an icon-font class",
            "<button type=\"button\"><i class=\"fa fa-pencil\"></i></button><button type=\"button\" data-truth><i class=\"fa fa-trash\"></i></button>",
            "<button type=\"button\" data-truth><i class=\"fas fa-trash-alt fa-fw\"></i></button><button type=\"button\"><i class=\"fa fa-pencil\"></i></button>"
        },
        {
            "a link with an img child and its alt",
            "<a href=\"#\"><img src=\"/i/a1.png\" alt=\"Edit\"></a><a href=\"#\" data-truth><img src=\"/i/b2.png\" alt=\"Download\"></a>",
            "<a href=\"#\" data-truth><img alt=\"Download\" src=\"/i/b2.png?v=7\"></a><a href=\"#\"><img alt=\"Edit\" src=\"/i/a1.png?v=7\"></a>"
        },
        {
            "a button with an img child known by its file name",
            "<button><img src=\"/icons/edit.svg\"></button><button data-truth><img src=\"/icons/download.svg\"></button>",
            "<button data-truth><img src=\"https://cdn.test/v2/icons/download.svg\"></button><button><img src=\"https://cdn.test/v2/icons/edit.svg\"></button>"
        },
        {
            "a button drawing its icon with inline svg paths",
            "<button><svg viewBox=\"0 0 24 24\"><path d=\"M4 20h4L20 8l-4-4L4 16z\"></path></svg></button><button data-truth><svg viewBox=\"0 0 24 24\"><path d=\"M3 6h18\"></path><path d=\"M8 6V4h8v2\"></path></svg></button>",
            "<button data-truth class=\"b-77\"><svg width=\"24\" viewBox=\"0 0 24 24\"><path d=\"M3 6h18\"></path><path d=\"M8 6V4h8v2\"></path></svg></button><button><svg viewBox=\"0 0 24 24\"><path d=\"M4 20h4L20 8l-4-4L4 16z\"></path></svg></button>"
        },
        {
            "a button with a data-icon attribute",
            "<button><span data-icon=\"pencil\"></span></button><button data-truth><span data-icon=\"trash\"></span></button>",
            "<div><button data-truth><span data-icon=\"trash\"></span></button></div><button><span data-icon=\"pencil\"></span></button>"
        },
    };

    [Theory]
    [MemberData(nameof(Evidence))]
    public void Locate_NewKindOfEvidence_FindsTheElementOnTheSamePageAndAfterAReshuffle(string kind, string recorded, string reshuffled)
    {
        var (signature, id) = Record(Page(recorded));
        var same = DomIndex.Parse(Page(recorded));
        var fresh = DomIndex.Parse(Page(reshuffled));

        var onSame = TargetLocator.Locate(same, signature);
        var onFresh = TargetLocator.Locate(fresh, signature);
        output.WriteLine($"{kind}\n  same: {onSame.Reason}\n  reshuffled: {onFresh.Reason}");

        Assert.True(onSame.NodeId == id, $"{kind}: {onSame.Reason}");
        Assert.True(onSame.Score > 0.7, $"{kind}: {onSame.Reason}");
        Assert.True(onFresh.Found && fresh.Find(onFresh.NodeId!.Value)!.HasAttribute(Truth), $"{kind}: {onFresh.Reason}");
    }

    [Theory]
    [MemberData(nameof(Evidence))]
    public void Locate_TargetReplacedByAnotherControl_FindsNothing(string kind, string recorded, string reshuffled)
    {
        var (signature, _) = Record(Page(recorded));

        // The reshuffled page without the element meant: only the other controls remain.
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(Page(reshuffled));
        document.QuerySelector($"[{Truth}]")!.Remove();
        var match = TargetLocator.Locate(DomIndex.Parse(Page(document.Body!.InnerHtml)), signature);

        Assert.True(match.NodeId is null, $"{kind}: {match.Reason}");
        Assert.Contains("Lowered by: ", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Signature_IconButtonInTableRow_CarriesClassesIconRowPlaceButNoGeneratedClass()
    {
        var dom = DomIndex.Parse(Invoices(["INV-1", "INV-2"], generated: "css-1x2y3z"));
        var trash = Single(dom, e => Row(e) == "INV-2" && e.GetAttribute("data-act") == "delete");

        var signature = dom.Signature(trash);

        Assert.Equal(["icon-btn"], signature.Classes!);
        Assert.Equal(["trash"], signature.Icons!);
        Assert.Equal(3, signature.Cell);
        Assert.Equal(1, signature.RowIndex);
        Assert.Equal("INV-2 Bolt Ltd 87.50", signature.Context);
        Assert.Equal("", signature.Text);
    }

    [Theory]
    [InlineData("edit")]
    [InlineData("delete")]
    [InlineData("download")]
    public void Locate_IconButtonsInEveryRow_FindsTheRecordedIconInTheRecordedRow(string action)
    {
        var recorded = DomIndex.Parse(Invoices(["INV-1", "INV-2", "INV-3"], generated: "css-1x2y3z"));
        var signature = recorded.Signature(Single(recorded, e => Row(e) == "INV-2" && e.GetAttribute("data-act") == action));

        // Rows reordered with a new one on top, the icons in another order, new generated classes.
        var fresh = DomIndex.Parse(Invoices(["INV-4", "INV-3", "INV-2", "INV-1"], generated: "css-9q8w7e", reverseIcons: true));
        var match = TargetLocator.Locate(fresh, signature);
        output.WriteLine(match.Reason);

        Assert.True(match.Found, match.Reason);
        var found = fresh.Find(match.NodeId!.Value)!;
        Assert.Equal(("INV-2", action), (Row(found), found.GetAttribute("data-act")));
    }

    [Fact]
    public void Locate_RecordedRowGone_FindsNoIconOfAnotherRow()
    {
        var recorded = DomIndex.Parse(Invoices(["INV-1", "INV-2"], generated: "css-1x2y3z"));
        var signature = recorded.Signature(Single(recorded, e => Row(e) == "INV-2" && e.GetAttribute("data-act") == "delete"));

        var match = TargetLocator.Locate(DomIndex.Parse(Invoices(["INV-1", "INV-3"], generated: "css-1x2y3z")), signature);
        output.WriteLine(match.Reason);

        Assert.Null(match.NodeId);
        Assert.Contains("row context lacks \"2 87 50\" of the recorded row \"INV-2 Bolt Ltd 87.50\" (score x0.4)", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_ColumnsReordered_RowContextStillMatches()
    {
        // The row text is read cell by cell, so "INV-2" and "87.50" stay words wherever their cells move.
        var recorded = DomIndex.Parse(Invoices(["INV-1", "INV-2"], generated: "a"));
        var signature = recorded.Signature(Single(recorded, e => Row(e) == "INV-2" && e.GetAttribute("data-act") == "edit"));

        var match = TargetLocator.Locate(DomIndex.Parse(Invoices(["INV-2", "INV-1"], generated: "a", amountFirst: true)), signature);

        Assert.True(match.Found, match.Reason);
        Assert.Contains("row context has \"2 87 50\"", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_IdenticalUnnamedButtonsInARow_PicksByPlaceInTheRow()
    {
        // Nothing tells these buttons apart but where they sit: the same page finds the one recorded.
        var page = TestPages.Number("<html><body><table>" +
            string.Concat(Enumerable.Range(1, 3).Select(r => $"<tr><td>R-{r}</td><td><button class=\"act\"></button><button class=\"act\"></button></td><td><button class=\"act\"></button></td></tr>")) +
            "</table></body></html>");
        var dom = DomIndex.Parse(page);
        var buttons = dom.NodeIds.Where(n => dom.Find(n)!.LocalName == "button").ToList();

        foreach (var id in buttons)
        {
            var match = TargetLocator.Locate(dom, dom.Signature(id));
            Assert.True(match.NodeId == id, match.Reason);
        }
    }

    [Fact]
    public void Locate_IdenticalButtonsOtherRowsGone_PlaceInTheRowOutweighsPagePosition()
    {
        static string Rows(params int[] rows) => TestPages.Number("<html><body><table>" +
            string.Concat(rows.Select(r => $"<tr><td>R-{r}</td><td><button class=\"act\"></button><button class=\"act\"></button></td></tr>")) +
            "</table></body></html>");
        var recorded = DomIndex.Parse(Rows(1, 2, 3));
        var first = recorded.NodeIds.Where(n => recorded.Find(n)!.LocalName == "button").ToList()[4]; // R-3's first button

        // Only R-3 is left: by page position (5th of 6) its second button is closer, by place in the row its first.
        var fresh = DomIndex.Parse(Rows(3));
        var match = TargetLocator.Locate(fresh, recorded.Signature(first));

        Assert.Equal(fresh.NodeIds.Where(n => fresh.Find(n)!.LocalName == "button").First(), match.NodeId);
        Assert.Contains("1st <button> of its row (recorded 1st)", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_GeneratedClassChanged_IgnoredWhileTheSemanticClassCounts()
    {
        var (signature, _) = Record(Page("<span class=\"css-1x2y3z trash\" data-truth></span><span class=\"css-4d5e6f edit\"></span>"));
        Assert.Equal(["trash"], signature.Classes!);

        // The old hash now sits on the wrong element; the semantic class still finds the right one, with a full score.
        var fresh = DomIndex.Parse(Page("<span class=\"css-1x2y3z edit\"></span><span class=\"trash css-7g8h9i\" data-truth></span>"));
        var match = TargetLocator.Locate(fresh, signature);

        Assert.True(fresh.Find(match.NodeId!.Value)!.HasAttribute(Truth), match.Reason);
        Assert.Contains("class \"trash\" exact", match.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("css-", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_HandWrittenSignatureWithGeneratedClass_IgnoresIt()
    {
        var signature = new TargetSignature { Tag = "span", Classes = ["sc-AbCdE", "trash"] };
        var match = TargetLocator.Locate(DomIndex.Parse(Page("<span class=\"sc-QwErTy trash\"></span>")), signature);
        Assert.True(match.Found, match.Reason);
        Assert.Contains("class \"trash\" exact", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_TrashIconRecordedOnlyPencilLeft_VetoesEvenWithEqualClassesAndPlace()
    {
        var signature = new TargetSignature { Tag = "button", Attributes = new() { ["type"] = "button" }, Classes = ["icon-btn"], Icons = ["trash"] };
        var page = DomIndex.Parse(Page("<button type=\"button\" class=\"icon-btn\"><i class=\"fa fa-pencil\"></i></button>"));

        var match = TargetLocator.Locate(page, signature);

        Assert.Null(match.NodeId);
        Assert.Contains("icon differs: \"pencil\" instead of \"trash\" (strong, score x0.4)", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_IconOnlyButtonWithoutItsIcon_IsAnotherControl()
    {
        var signature = new TargetSignature { Tag = "button", Attributes = new() { ["type"] = "button" }, Classes = ["icon-btn"], Icons = ["trash"] };
        var match = TargetLocator.Locate(DomIndex.Parse(Page("<button type=\"button\" class=\"icon-btn\"></button>")), signature);

        Assert.Null(match.NodeId);
        Assert.Contains("icon \"trash\" missing (strong, score x0.4)", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_ButtonWithTextAndOtherClasses_ClassesNeverVeto()
    {
        var signature = new TargetSignature { Tag = "button", Text = "Save", Classes = ["btn", "btn-primary"], SameTagCount = 1 };
        var match = TargetLocator.Locate(DomIndex.Parse(Page("<button class=\"button is-primary\">Save</button>")), signature);

        Assert.True(match.Found, match.Reason);
        Assert.Contains("class differs: \"button\" instead of \"btn btn-primary\", costs", match.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("strong", match.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_LoneTypeOrLoneRole_StillCannotMatchByItself()
    {
        var page = DomIndex.Parse(Page("<input type=\"text\"><div role=\"button\"></div>"));

        var input = TargetLocator.Locate(page, new TargetSignature { Tag = "input", Attributes = new() { ["type"] = "text" }, SameTagCount = 1 });
        var div = TargetLocator.Locate(page, new TargetSignature { Tag = "div", Attributes = new() { ["role"] = "button" }, SameTagCount = 1 });

        Assert.Null(input.NodeId);
        Assert.Null(div.NodeId);
        Assert.Contains("little evidence: 1.0 of the 2.5 units a match needs", input.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_FiveThousandDeepRow_FindsTheIconTargetWithoutRecursion()
    {
        // ul > li > 5,000 nested spans > span.trash[data-icon]; node ids in reverse document order. (The parser lifts
        // elements nested past its depth limit to follow the element at the limit, as browsers do.)
        const int depth = 5000;
        var total = depth + 3;
        var sb = new StringBuilder($"<ul node=\"{total - 1}\"><li node=\"{total - 2}\">Order 7 ");
        for (var i = 0; i < depth; i++)
        {
            sb.Append("<span node=\"").Append(total - 3 - i).Append("\">");
        }

        sb.Append("<span class=\"trash\" data-icon=\"trash\" node=\"0\"></span>");
        var html = sb.ToString();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var signature = DomIndex.Parse(html).Signature(0);
        var recorded = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var page = DomIndex.Parse(html);
        var parsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var match = TargetLocator.Locate(page, signature);
        var located = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        output.WriteLine($"{total} elements, {depth} deep: parse + signature {recorded.TotalMilliseconds:F0} ms, parse {(parsed - recorded).TotalMilliseconds:F0} ms, locate {(located - parsed).TotalMilliseconds:F0} ms. {match.Reason}");

        Assert.Equal(["trash"], signature.Icons!);
        Assert.Equal(["trash"], signature.Classes!);
        Assert.Equal(depth, signature.RowIndex);
        Assert.Equal(0, match.NodeId);
    }

    private static string Page(string body) => TestPages.Number($"<html><body>{body}</body></html>");

    private static (TargetSignature Signature, int NodeId) Record(string page)
    {
        var dom = DomIndex.Parse(page);
        var id = Single(dom, e => e.HasAttribute(Truth));
        return (dom.Signature(id), id);
    }

    private static int Single(DomIndex dom, Func<IElement, bool> pick) => dom.NodeIds.Single(n => pick(dom.Find(n)!));

    private static string? Row(IElement e) => e.Closest("tr")?.GetAttribute("data-row");

    /// <summary>A table of invoices whose last-but-one cell holds edit (svg/use), delete (icon font) and download
    /// (img) icon buttons.</summary>
    private static string Invoices(string[] rows, string generated, bool reverseIcons = false, bool amountFirst = false)
    {
        static string Data(string id) => id switch
        {
            "INV-1" => "Acme GmbH|120.00",
            "INV-2" => "Bolt Ltd|87.50",
            "INV-3" => "Crane SA|1,400.00",
            _ => "Delta AG|15.00",
        };

        var icons = new[]
        {
            $"<button type=\"button\" class=\"icon-btn {generated}\" data-act=\"edit\"><svg class=\"icon\"><use href=\"#icon-edit\"></use></svg></button>",
            $"<button type=\"button\" class=\"icon-btn {generated}\" data-act=\"delete\"><i class=\"fa fa-trash\"></i></button>",
            $"<button type=\"button\" class=\"{generated} icon-btn\" data-act=\"download\"><img src=\"/icons/download.svg\" alt=\"Download\"></button>",
        };
        if (reverseIcons)
        {
            Array.Reverse(icons);
        }

        var body = string.Concat(rows.Select(id =>
        {
            var (customer, amount) = (Data(id).Split('|')[0], Data(id).Split('|')[1]);
            var cells = amountFirst
                ? $"<td>{amount}</td><td>{id}</td><td>{customer}</td>"
                : $"<td>{id}</td><td>{customer}</td><td>{amount}</td>";
            return $"<tr data-row=\"{id}\">{cells}<td>{string.Concat(icons)}</td><td><span class=\"star\"></span></td></tr>";
        }));
        return TestPages.Number($"<html><body><table><tbody>{body}</tbody></table></body></html>");
    }
}
