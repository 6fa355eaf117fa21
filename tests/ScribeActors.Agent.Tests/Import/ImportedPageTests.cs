using ScribeActors.Agent.Import;

namespace ScribeActors.Agent.Tests.Import;

public sealed class ImportedPageTests
{
    [Fact]
    public void Import_NodeIds_ReversePreOrderWithTheRootCountedFirst()
    {
        var page = ImportedPage.Import("<html><body><a href=\"/x\"/><p>Total</p></body></html>");

        Assert.Equal("<html node=\"3\"><body node=\"2\"><a href=\"/x\" node=\"1\"></a><p node=\"0\">Total</p></body></html>", page.Html);
        Assert.Equal(0, page.MovedByHtml5);
        var index = DomIndex.Parse(page.Html);
        Assert.Equal("p", index.Find(0)!.LocalName);
        Assert.Equal(0, index.Find(1)!.ChildElementCount); // the empty anchor stays empty in the pipeline's parse
    }

    [Fact]
    public void Import_Mind2WebSnapshot_MapsNodeIdsToBackendNodeIds()
    {
        var page = ImportedPage.Import("<html backend_node_id=\"1\"><body backend_node_id=\"5\"><div/><button backend_node_id=\"132\">Search</button></body></html>");

        Assert.Equal(new Dictionary<int, string> { [3] = "1", [2] = "5", [0] = "132" }, page.BackendNodeIds);
        Assert.Equal("button", DomIndex.Parse(page.Html).Find(0)!.LocalName);
    }

    [Fact]
    public void Import_FormDirectlyInATable_MovedRowReportedByItsId()
    {
        var page = ImportedPage.Import("<html><body><table><form><tr><td><button>Go</button></td></tr></form></table></body></html>");

        var row = page.Document.Elements.Single(e => e.Name == "tr");
        Assert.Equal([int.Parse(row.GetAttribute("node")!, System.Globalization.CultureInfo.InvariantCulture)], page.MovedIds);
        Assert.Contains("the HTML5 parser still moves 1 elements to another parent", page.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_DeeperThanHtml5Keeps_EveryFlattenedElementCountedAndWarned()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 520)) + "<button>Go</button>" + string.Concat(Enumerable.Repeat("</div>", 520)) + "</body></html>";

        var page = ImportedPage.Import(html);

        Assert.Equal(11, page.Document.ElementsBeyondHtml5Depth);
        Assert.Equal(page.Document.ElementsBeyondHtml5Depth, page.MovedByHtml5);
        Assert.Contains("warning: The page nests 523 elements deep", page.Describe(), StringComparison.Ordinal);
    }
}

public sealed class ImportSummaryTests
{
    [Fact]
    public void Add_ThreePages_CountsTooDeepAndMovedPagesAndElements()
    {
        var deep = ImportedPage.Import("<html><body>" + string.Concat(Enumerable.Repeat("<div>", 515)) + "</body></html>");
        var table = ImportedPage.Import("<table><form><tr><td><a/></td></tr></form></table>");
        var plain = ImportedPage.Import("<p>x</p>");

        var summary = new ImportSummary().Add(deep).Add(table).Add(plain);

        Assert.Equal(3, summary.Pages);
        Assert.Equal(517 + 5 + 1, summary.Elements);
        Assert.Equal((1, 5), (summary.TooDeepPages, summary.ElementsBeyondHtml5Depth));
        Assert.Equal(2, summary.PagesWithMoves);
        Assert.Equal(5 + table.MovedByHtml5, summary.MovedByHtml5);
        Assert.Equal(1, summary.SelfClosedElements);
        Assert.Contains("1 pages deeper than the HTML5 parser keeps (5 elements it would flatten)", summary.ToText(), StringComparison.Ordinal);
    }
}
