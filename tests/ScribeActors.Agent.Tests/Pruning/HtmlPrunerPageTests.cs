using System.Text;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Pruning;

public class HtmlPrunerPageTests
{
    [Fact]
    public void Prune_ObservedIds_KeptNeverRenumbered()
    {
        var pruned = HtmlPruner.Prune(
            "<html node=\"40\"><head node=\"39\"><title node=\"38\">T</title></head><body node=\"37\">" +
            "<div node=\"20\" class=\"card\"><button node=\"12\" type=\"button\">Go</button><div node=\"11\"></div></div></body></html>");

        Assert.False(pruned.IdsAssigned);
        Assert.Equal("T <body node=\"37\"> <div class=\"card\" node=\"20\"> <button node=\"12\" type=\"button\"> Go </button> </div> </body>", pruned.Html);
        Assert.Equal([37, 20, 12], pruned.NodeIds);
        Assert.Equal("<div node=\"11\">", pruned.TargetTag(11));
        Assert.Equal("<title node=\"38\">", pruned.TargetTag(38));
        Assert.Null(pruned.TargetTag(0));
    }

    [Fact]
    public void Prune_ObservedIdsWithDuplicate_FirstElementKeepsTheId()
    {
        var pruned = HtmlPruner.Prune("<body node=\"9\"><p node=\"3\">a</p><p node=\"3\">b</p></body>");

        Assert.Equal("<body node=\"9\"> <p node=\"3\"> a </p> <p> b </p> </body>", pruned.Html);
        Assert.Equal([9, 3], pruned.NodeIds);
    }

    [Fact]
    public void Prune_InlinedIframeDocument_ParsedAndSplicedInPlace()
    {
        // As the capture writes it: the frame's document is the iframe's raw text, its elements numbered too.
        const string Dom =
            "<html node=\"9\"><body node=\"8\"><p node=\"7\">outside</p>" +
            "<iframe node=\"6\" src=\"/frame\"><html node=\"5\"><head node=\"4\"><script node=\"3\">x()</script></head>" +
            "<body node=\"2\"><button node=\"1\" onclick=\"f()\">Inside &amp; out</button></body></html></iframe>" +
            "<span node=\"0\">after</span></body></html>";

        var pruned = HtmlPruner.Prune(Dom);

        Assert.Equal(
            "<body node=\"8\"> <p node=\"7\"> outside </p> <body node=\"2\"> <button node=\"1\" onclick=\"\"> Inside &amp; out </button> </body> " +
            "<span node=\"0\"> after </span> </body>",
            pruned.Html);
        Assert.Equal("<iframe node=\"6\">", pruned.TargetTag(6));
        Assert.Equal("<script node=\"3\">", pruned.TargetTag(3));
        // 10 captured elements and the head AngleSharp adds to the outer document.
        Assert.Equal(11, pruned.SourceElementCount);
    }

    [Fact]
    public void Prune_ShadowContentInlinedByCapture_KeptAsChildren()
    {
        var pruned = HtmlPruner.Prune("<body node=\"5\"><my-widget node=\"4\"><button node=\"3\">In shadow</button><span node=\"2\">light</span></my-widget></body>");

        Assert.Equal("<body node=\"5\"> <button node=\"3\"> In shadow </button> <span node=\"2\"> light </span> </body>", pruned.Html);
    }

    [Fact]
    public void Prune_DeclarativeShadowRootAndTemplate_WalkedAsChildren()
    {
        var pruned = HtmlPruner.Prune(
            "<body node=\"5\"><div node=\"4\"><template node=\"3\" shadowrootmode=\"open\"><button node=\"2\">S</button></template>" +
            "<span node=\"1\">L</span></div></body>");

        Assert.Equal("<body node=\"5\"> <div node=\"4\"> <button node=\"2\"> S </button> <span node=\"1\"> L </span> </div> </body>", pruned.Html);
    }

    [Fact]
    public void Prune_RawHtmlWithoutIds_AssignsReversePreOrderWithDocumentLargest()
    {
        var pruned = HtmlPruner.Prune("<p>a</p><p>b</p>");

        // AngleSharp: html, head, body, p, p (5 elements) + the document = ids 5..0.
        Assert.True(pruned.IdsAssigned);
        Assert.Equal("<body node=\"2\"> <p node=\"1\"> a </p> <p node=\"0\"> b </p> </body>", pruned.Html);
        Assert.Equal("<html node=\"4\">", pruned.TargetTag(4));
        Assert.Null(pruned.TargetTag(5));
        Assert.Equal(5, pruned.SourceElementCount);
    }

    [Fact]
    public void Prune_NonNumericNodeAttributes_RawModeOverwritesThem()
    {
        var pruned = HtmlPruner.Prune("<p node=\"x\">a</p>");

        Assert.True(pruned.IdsAssigned);
        Assert.Equal("<body node=\"1\"> <p node=\"0\"> a </p> </body>", pruned.Html);
    }

    [Fact]
    public void Prune_MalformedHtml_RecoversWithoutThrowing()
    {
        var pruned = HtmlPruner.Prune("<div><p>one<p>two</div></span><b><i>x</b></i><table><td>cell<a href=\"/a\">open");

        // HTML5 recovery: p auto-closed, stray end tags ignored, misnested b/i repaired, tbody/tr inserted.
        Assert.Equal(
            "<body node=\"10\"> <div node=\"9\"> <p node=\"8\"> one </p> <p node=\"7\"> two </p> </div> <b node=\"6\"> <i node=\"5\"> x </i> </b> " +
            "<table node=\"4\"> <tr node=\"2\"> <td node=\"1\"> cell <a href=\"/a\" node=\"0\"> open </a> </td> </tr> </table> </body>",
            pruned.Html);
        Assert.Equal("<tbody node=\"3\">", pruned.TargetTag(3));
    }

    [Fact]
    public void Prune_NoInteractiveElement_StillPrunes()
    {
        var pruned = HtmlPruner.Prune("<html><body><div><h1>Report</h1><p>Nothing to click here.</p></div></body></html>");

        Assert.Equal("<body node=\"3\"> <div node=\"2\"> <h1 node=\"1\"> Report </h1> <p node=\"0\"> Nothing to click here. </p> </div> </body>", pruned.Html);
    }

    [Fact]
    public void Prune_EmptyOrTextOnlyInput_GivesValidResult()
    {
        Assert.Equal("", HtmlPruner.Prune("").Html);
        Assert.Equal("<body node=\"0\"> hello </body>", HtmlPruner.Prune("hello").Html);
    }

    [Fact]
    public void Prune_TenThousandLevelsDeep_NoStackOverflow()
    {
        const int Depth = 10_000;
        var sb = new StringBuilder();
        for (var i = 0; i < Depth; i++)
        {
            sb.Append("<div class=\"level\">");
        }

        sb.Append("<button>deep</button>");
        for (var i = 0; i < Depth; i++)
        {
            sb.Append("</div>");
        }

        var pruned = HtmlPruner.Prune(sb.ToString());

        // AngleSharp, like browsers' parsers, nests at most about 512 levels; deeper start tags become siblings at that
        // depth (and those empty divs are pruned). A captured live DOM deeper than that is flattened the same way.
        Assert.Contains("<button node=\"0\"> deep </button>", pruned.Html, StringComparison.Ordinal);
        Assert.Equal(Depth + 4, pruned.SourceElementCount);
        Assert.Equal("<button node=\"0\">", pruned.TargetTag(0));
    }

    [Fact]
    public void Prune_TenMegabytePage_CompletesAndKeepsEveryRow()
    {
        const int Rows = 40_000;
        var sb = new StringBuilder("<html><head><style>.x{color:red}</style></head><body><table>");
        for (var i = 0; i < Rows; i++)
        {
            sb.Append("<tr class=\"row css-9a8b7c\"><td>Invoice ").Append(i)
              .Append("</td><td><a href=\"/invoices/").Append(i).Append("\" onclick=\"track(").Append(i).Append(")\">Open</a></td>")
              .Append("<td><script>window.__d=").Append(i).Append(";</script><span data-x=\"y\">€ 12.00</span></td>")
              .Append("<td><button type=\"button\" class=\"btn btn-primary\">Approve</button></td></tr>\n");
        }

        sb.Append("</table></body></html>");
        var html = sb.ToString();
        Assert.True(html.Length > 10_000_000 / 1.1, $"page is {html.Length} chars");

        var pruned = HtmlPruner.Prune(html);

        // Per row: tr, 4 td, a, span, button kept (tbody unwrapped, script deleted).
        Assert.Equal((Rows * 8) + 2, pruned.NodeIds.Count);
        Assert.Contains("<button class=\"btn btn-primary\" node=\"0\" type=\"button\"> Approve </button>", pruned.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("script", pruned.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("css-9a8b7c", pruned.Html, StringComparison.Ordinal);
    }
}
