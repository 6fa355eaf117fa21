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
