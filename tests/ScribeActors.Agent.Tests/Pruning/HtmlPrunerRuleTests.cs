using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Pruning;

public class HtmlPrunerRuleTests
{
    // Observed-id mode keeps the tests independent of id assignment.
    private static string Body(string inner) => HtmlPruner.Prune($"<html node=\"90\"><body node=\"91\">{inner}</body></html>", PruneOptions.Reference).Html;

    private static string Inner(string inner)
    {
        var html = Body(inner);
        const string Open = "<body node=\"91\"> ";
        const string Close = " </body>";
        Assert.StartsWith(Open, html, StringComparison.Ordinal);
        Assert.EndsWith(Close, html, StringComparison.Ordinal);
        return html[Open.Length..^Close.Length];
    }

    [Fact]
    public void Prune_ScriptAndStyle_DeletedWithContent()
    {
        Assert.Equal("<p node=\"1\"> kept </p>", Inner("<script node=\"3\">alert(1)</script><style node=\"2\">p{}</style><p node=\"1\">kept</p>"));
    }

    [Fact]
    public void Prune_TagOutsideValidSet_UnwrappedChildrenKeptInPlace()
    {
        Assert.Equal(
            "before <a href=\"/x\" node=\"2\"> link </a> after",
            Inner("<nav node=\"4\">before <article node=\"3\"><a node=\"2\" href=\"/x\">link</a></article> after</nav>"));
    }

    [Fact]
    public void Prune_Comments_Removed()
    {
        Assert.Equal("<p node=\"1\"> a b </p>", Inner("<p node=\"1\">a<!-- secret -->b</p>"));
    }

    [Fact]
    public void Prune_TitleAltAriaLabel_KeptUntouchedEvenLongAndNoisy()
    {
        const string Noisy = "x9f8e7d6c5b4a3x9f8e7d6c5b4a3x9f8e7d6c5b4a3";
        Assert.Equal(
            $"<img alt=\"{Noisy}\" aria-label=\"none\" node=\"1\" title=\"\"/>",
            Inner($"<img node=\"1\" title=\"\" alt=\"{Noisy}\" aria-label=\"none\">"));
    }

    [Fact]
    public void Prune_ClassTokens_FilteredOneByOne()
    {
        Assert.Equal("<p class=\"btn primary\" node=\"1\"> t </p>", Inner("<p node=\"1\" class=\"btn css-1x2y3z4  primary a8f3e2\">t</p>"));
        Assert.Equal("<p node=\"1\"> t </p>", Inner("<p node=\"1\" class=\"css-1x2y3z4 a8f3e2\">t</p>"));
    }

    [Fact]
    public void Prune_LongLowRatioValue_Deleted_ShortOrReadableKeptWhole()
    {
        const string LongReadable = "/products/category/outdoor-furniture/garden-chairs";
        Assert.Equal(
            $"<a href=\"{LongReadable}\" id=\"a8f3e2c1\" node=\"1\"> x </a>",
            Inner($"<a node=\"1\" id=\"a8f3e2c1\" href=\"{LongReadable}\" name=\"5f2b9c0e-8d1a-4b7e-9c3f-1a2b3c4d5e6f\">x</a>"));
    }

    [Fact]
    public void Prune_MaxAttributeLengthOption_ChangesTheLengthGate()
    {
        var pruned = HtmlPruner.Prune("<p node=\"1\" id=\"a8f3e2c1\">x</p>", new PruneOptions { MaxAttributeLength = 4 });
        Assert.Equal("<body> <p node=\"1\"> x </p> </body>", pruned.Html);
    }

    [Fact]
    public void Prune_NamesContainingScriptOrStyle_SubstringRules()
    {
        Assert.Equal(
            "<p data-style=\"user-select: none\" node=\"1\"> x </p>",
            Inner("<p node=\"1\" data-script=\"a\" style=\"color: red\" data-style=\"a; user-select: none; b\">x</p>"));
    }

    [Fact]
    public void Prune_EventHandlersAndJsaction_KeptWithEmptyValue()
    {
        Assert.Equal(
            "<span jsaction=\"\" node=\"1\" onclick=\"\" onmouseover=\"\"> x </span>",
            Inner("<span node=\"1\" onclick=\"doIt()\" onmouseover=\"hover(this)\" jsaction=\"click:abc\">x</span>"));
    }

    [Fact]
    public void Prune_NonSalientAttribute_Deleted_SalientKept()
    {
        Assert.Equal(
            "<input name=\"q\" node=\"1\" placeholder=\"Search\" type=\"text\"/>",
            Inner("<input node=\"1\" type=\"text\" name=\"q\" placeholder=\"Search\" data-testid=\"search\" autocomplete=\"off\">"));
    }

    [Fact]
    public void Prune_EmptyOrNoneValues_Deleted()
    {
        Assert.Equal("<input node=\"1\"/>", Inner("<input node=\"1\" value=\"\" type=\"none\" required>"));
    }

    [Fact]
    public void Prune_EmptyElements_PrunedUpwardUnlessNoDropOrExempt()
    {
        Assert.Equal(
            "<span node=\"6\"> </span> <div node=\"4\" title=\"t\"> </div> <div node=\"3\" style=\"user-select: none\"> </div>",
            Inner("<div node=\"8\"><div node=\"7\"> \n </div></div><span node=\"6\"></span><i node=\"5\" class=\"icon\"></i>" +
                  "<div node=\"4\" title=\"t\"></div><div node=\"3\" style=\"user-select: none\"></div><div node=\"2\" onclick=\"x()\"></div>"));
    }

    [Fact]
    public void Prune_Escaping_MinimalInTextAndAttributes()
    {
        Assert.Equal(
            "<p node=\"1\" title=\"a &amp; b &lt;c&gt;\"> x &lt; y &amp;&amp; z &gt; w \" ' </p>",
            Inner("<p node=\"1\" title=\"a &amp; b &lt;c&gt;\">x &lt; y &amp;&amp; z &gt; w \" '</p>"));
    }

    [Fact]
    public void Prune_QuotesInAttributeValues_SingleQuotesOrQuotEntity()
    {
        Assert.Equal("<p node=\"1\" title='say \"hi\"'> x </p>", Inner("<p node=\"1\" title='say \"hi\"'>x</p>"));
        Assert.Equal("<p node=\"1\" title=\"it's &quot;hi&quot;\"> x </p>", Inner("<p node=\"1\" title=\"it's &quot;hi&quot;\">x</p>"));
    }

    [Fact]
    public void Prune_WhiteSpace_CollapsedEverywhereAndTextStripped()
    {
        Assert.Equal(
            "<p node=\"1\" title=\"a b\"> one two three </p>",
            Inner("<p node=\"1\" title=\"a \n\t b\">\n   one\u00a0 two\r\n three  \n</p>"));
    }

    [Fact]
    public void Prune_PreAndTextarea_NotSeparatedNorStripped()
    {
        Assert.Equal(
            "<pre node=\"3\"> code <b node=\"2\">x</b></pre> <textarea node=\"1\"></textarea>",
            Inner("<pre node=\"3\">\n  code\n  <b node=\"2\">x</b></pre><textarea node=\"1\"></textarea>"));
    }

    [Fact]
    public void Prune_AttributesSortedAndNodeInPlace()
    {
        Assert.Equal(
            "<a aria-label=\"L\" class=\"cta\" href=\"/h\" id=\"i\" node=\"1\" onclick=\"\" role=\"link\" type=\"t\"> x </a>",
            Inner("<a type=\"t\" role=\"link\" onclick=\"f()\" node=\"1\" id=\"i\" href=\"/h\" class=\"cta\" aria-label=\"L\">x</a>"));
    }

    [Fact]
    public void Prune_TitleTextOfHead_LeaksToTheTop()
    {
        var pruned = HtmlPruner.Prune("<html><head><title>Inbox</title><meta charset=\"utf-8\"></head><body><p>x</p></body></html>");
        Assert.StartsWith("Inbox <body node=", pruned.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Prune_InvalidOptions_ThrowNamingTheOption()
    {
        var length = Assert.Throws<ArgumentOutOfRangeException>(() => HtmlPruner.Prune("<p>x</p>", new PruneOptions { MaxAttributeLength = -1 }));
        Assert.Contains("MaxAttributeLength", length.Message, StringComparison.Ordinal);
        var ratio = Assert.Throws<ArgumentOutOfRangeException>(() => HtmlPruner.Prune("<p>x</p>", new PruneOptions { MinCharsPerToken = double.NaN }));
        Assert.Contains("MinCharsPerToken", ratio.Message, StringComparison.Ordinal);
        var counter = Assert.Throws<ArgumentNullException>(() => HtmlPruner.Prune("<p>x</p>", new PruneOptions { TokenCounter = null! }));
        Assert.Contains("TokenCounter", counter.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => HtmlPruner.Prune(null!));
    }

    [Fact]
    public void Prune_CustomCounter_UsedForTheRatio()
    {
        // A counter that calls every string one token per character makes every class token fail the ratio.
        var pruned = HtmlPruner.Prune("<p node=\"1\" class=\"wrapper\">x</p>", new PruneOptions { TokenCounter = new PerCharCounter() });
        Assert.Equal("<body> <p node=\"1\"> x </p> </body>", pruned.Html);
    }

    private sealed class PerCharCounter : ITokenCounter
    {
        public string Name => "per-char";

        public int CountTokens(string text) => text.Length;
    }
}
