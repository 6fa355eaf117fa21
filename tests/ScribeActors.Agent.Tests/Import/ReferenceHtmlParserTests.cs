using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ScribeActors.Agent.Import;

namespace ScribeActors.Agent.Tests.Import;

public sealed class ReferenceHtmlParserTests
{
    private static ReferenceElement First(ReferenceDocument document, string name) => document.Elements.First(e => e.Name == name);

    private static string Names(ReferenceElement element) => string.Join(",", element.Children.Select(c => c switch
    {
        ReferenceElement e => e.Name,
        ReferenceText t => $"'{t.Text}'",
        _ => "#comment",
    }));

    [Fact]
    public void Parse_SelfClosedAnchor_IsClosedEmptyWhereHtml5LeavesItOpen()
    {
        const string html = "<div><a href=\"/x\"/><span>Next</span><a/><button>Go</button></div>";

        var document = ReferenceHtmlParser.Parse(html);

        Assert.Equal("a,span,a,button", Names(First(document, "div")));
        Assert.All(document.Elements.Where(e => e.Name == "a"), a => Assert.Empty(a.Children));
        Assert.Equal(2, document.SelfClosedElements);
        var html5 = new HtmlParser().ParseDocument(html);
        Assert.Equal("span", html5.QuerySelector("a")!.FirstElementChild!.LocalName); // what the HTML5 parser does instead
        var again = new HtmlParser().ParseDocument(document.ToHtml());
        Assert.All(again.QuerySelectorAll("a"), a => Assert.Equal(0, a.ChildElementCount));
        Assert.Equal(4, again.QuerySelector("div")!.ChildElementCount);
    }

    [Fact]
    public void Parse_SelfClosedDiv_FollowingContentIsItsSibling()
    {
        var document = ReferenceHtmlParser.Parse("<body><div class=\"icon\"/><p>Total</p></body>");

        Assert.Equal("div,p", Names(First(document, "body")));
        Assert.True(First(document, "div").SelfClosed);
    }

    [Fact]
    public void Parse_FormInsideATable_ButtonStaysInsideItsForm()
    {
        const string html = "<table><form id=\"search\"><tr><td><input name=\"q\"><button type=\"submit\">Search</button></td></tr></form></table>";

        var document = ReferenceHtmlParser.Parse(html);

        var form = First(document, "form");
        Assert.True(First(document, "button").IsInside(form));
        Assert.True(First(document, "input").IsInside(form));
        var html5 = new HtmlParser().ParseDocument(html);
        Assert.DoesNotContain(html5.QuerySelector("button")!.Ancestors<IElement>(), a => a.LocalName == "form"); // HTML5 moves it out
    }

    [Fact]
    public void Parse_ButtonSelfClosedInAForm_NextFieldsStayInTheForm()
    {
        var document = ReferenceHtmlParser.Parse("<form><button/><input name=\"a\"></form><input name=\"b\">");

        var form = First(document, "form");
        Assert.Equal("button,input", Names(form));
        Assert.Empty(First(document, "button").Children);
        Assert.False(document.Elements.Last().IsInside(form));
    }

    [Fact]
    public void Parse_DeeperThanHtml5Keeps_ReportedNotFlattened()
    {
        var deep = ReferenceHtmlParser.Parse(Nested(600));
        var fits = ReferenceHtmlParser.Parse(Nested(509));

        Assert.Equal(603, deep.MaxDepth);
        Assert.Equal(603 - ReferenceDocument.Html5MaxDepth, deep.ElementsBeyondHtml5Depth);
        Assert.True(deep.TooDeep);
        Assert.Contains("603 elements deep", deep.DepthWarning, StringComparison.Ordinal);
        Assert.Contains("91 of its 603 elements would be flattened", deep.DepthWarning, StringComparison.Ordinal);
        var innermost = deep.Elements.Single(e => e.Name == "a");
        Assert.Equal(602, Ancestors(innermost)); // the reference's tree keeps every level
        Assert.False(fits.TooDeep);
        Assert.Null(fits.DepthWarning);
    }

    [Fact]
    public void Html5MaxDepth_IsWhereAngleSharpStartsFlattening()
    {
        // The constant stands for the project's parser: 510 divs under html and body fit, one more is flattened.
        Assert.Equal(ReferenceDocument.Html5MaxDepth, DivDepth(new HtmlParser().ParseDocument(Nested(510, inner: ""))));
        Assert.Equal(ReferenceDocument.Html5MaxDepth, DivDepth(new HtmlParser().ParseDocument(Nested(511, inner: ""))));
        Assert.False(ReferenceHtmlParser.Parse(Nested(510, inner: "")).TooDeep);
        Assert.Equal(1, ReferenceHtmlParser.Parse(Nested(511, inner: "")).ElementsBeyondHtml5Depth);
    }

    [Fact]
    public void Parse_FragmentWithoutHtmlAndBody_CountsTheLevelsHtml5Adds()
    {
        var document = ReferenceHtmlParser.Parse(string.Concat(Enumerable.Repeat("<div>", 511)));

        Assert.Equal(513, document.MaxDepth);
        Assert.Equal(1, document.ElementsBeyondHtml5Depth);
    }

    [Fact]
    public void Parse_EndTag_ClosesTheNearestOpenOfItsNameAndWhatIsInsideIt_StrayEndTagIgnored()
    {
        var document = ReferenceHtmlParser.Parse("<div><span><b>x</div>y</p><ul><li>a<li>b</ul>");

        Assert.Equal(["div", "'y'", "ul"], document.Nodes.Select(n => n is ReferenceElement e ? e.Name : $"'{((ReferenceText)n).Text}'"));
        Assert.Equal(1, document.IgnoredEndTags);
        var items = document.Elements.Where(e => e.Name == "li").ToList();
        Assert.True(items[1].IsInside(items[0])); // no implied end of li
    }

    [Fact]
    public void Parse_VoidElementsAttributesEntitiesAndScript_AsTheReferenceReadsThem()
    {
        var document = ReferenceHtmlParser.Parse(
            "<P CLASS=a class=b Hidden data-x='1 &amp; 2' title=Tom&amp;Jerry>a<br>b &lt;c&gt;<input/></P><script>if (a<b) { x = '</p>'; }</script>");

        var p = First(document, "p");
        Assert.Equal([new("class", "b"), new("hidden", ""), new("data-x", "1 & 2"), new("title", "Tom&Jerry")], p.Attributes);
        Assert.Equal("'a',br,'b <c>',input", Names(p));
        Assert.Equal(0, document.SelfClosedElements);
        Assert.Equal("if (a<b) { x = '</p>'; }", ((ReferenceText)First(document, "script").Children[0]).Text);
    }

    [Fact]
    public void ToHtml_ParsedAgain_GivesTheSameTreeAndBytes()
    {
        const string html = "<!DOCTYPE html><html><body><!-- c --><div/><a href=\"/a?x=1&amp;y=&quot;2&quot;\">A &amp; B</a><p>t<br>u</p><script>a<b</script></body></html>";

        var once = ReferenceHtmlParser.Parse(html).ToHtml();
        var twice = ReferenceHtmlParser.Parse(once).ToHtml();

        Assert.Equal("<html><body><!-- c --><div></div><a href=\"/a?x=1&amp;y=&quot;2&quot;\">A &amp; B</a><p>t<br>u</p><script>a<b</script></body></html>", once);
        Assert.Equal(once, twice);
    }

    private static string Nested(int divs, string inner = "<a>x</a>") =>
        "<html><body>" + string.Concat(Enumerable.Repeat("<div>", divs)) + inner + string.Concat(Enumerable.Repeat("</div>", divs)) + "</body></html>";

    private static int Ancestors(ReferenceElement element)
    {
        var count = 0;
        for (var parent = element.Parent; parent is not null; parent = parent.Parent)
        {
            count++;
        }

        return count;
    }

    private static int DivDepth(IDocument document) =>
        document.QuerySelectorAll("div").Max(d => d.Ancestors<IElement>().Count() + 1);
}
