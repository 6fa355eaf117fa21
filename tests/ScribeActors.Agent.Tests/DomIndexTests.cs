using System.Text;

namespace ScribeActors.Agent.Tests;

public sealed class DomIndexTests
{
    // As a browser capture writes it: every element numbered in reverse document order, the root element highest.
    private const string Observation =
        "<html node=\"12\"><head node=\"11\"><title node=\"10\">Supplier portal</title></head>" +
        "<body node=\"9\" class=\"x9f\"><form node=\"8\" action=\"/search\">" +
        "<label for=\"q-3f\" node=\"7\">Invoice   number</label>" +
        "<input id=\"q-3f\" name=\"invoice\" node=\"6\" placeholder=\"e.g. 4471\" type=\"text\">" +
        "<label node=\"5\">Status <select name=\"status\" node=\"4\"><option node=\"3\" value=\"open\">Open</option></select></label>" +
        "<button type=\"submit\" node=\"2\" aria-label=\"Search\" class=\"btn-8c1\">\n  Search\n  <script node=\"1\">var x = 1;</script></button>" +
        "</form><a href=\"/help?b=2&amp;a=1\" node=\"0\" title=\"Help\">Help</a></body></html>";

    [Fact]
    public void Parse_ObservationDom_IndexesEveryElementInDocumentOrder()
    {
        var dom = DomIndex.Parse(Observation);

        Assert.Equal(13, dom.Count);
        Assert.Equal(Enumerable.Range(0, 13).Reverse(), dom.NodeIds);
        Assert.True(dom.Contains(0));
        Assert.True(dom.Contains(12));
        Assert.False(dom.Contains(13));
        Assert.Equal("input", dom.Find(6)!.LocalName);
        Assert.Equal("html", dom.Find(12)!.LocalName);
        Assert.Null(dom.Find(99));
    }

    [Fact]
    public void Parse_NumberedByHelper_AssignsReverseDocumentOrder()
    {
        var dom = DomIndex.Parse(TestPages.Number("<html><head></head><body><div><p>a</p><p>b</p></div></body></html>"));

        Assert.Equal([5, 4, 3, 2, 1, 0], dom.NodeIds);
        Assert.Equal("b", dom.Find(0)!.TextContent);
        Assert.Equal("html", dom.Find(5)!.LocalName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("just text, no markup")]
    [InlineData("<<<>>><div node='x'><b node=\"-1\"><i node=\"1e3\"></i>")]
    [InlineData("</div></div><p node=\"99999999999999999999\">")]
    [InlineData("<!-- <div node=\"1\"> -->")]
    public void Parse_MarkupWithoutValidIds_GivesEmptyIndex(string dom)
    {
        var index = DomIndex.Parse(dom);

        Assert.Equal(0, index.Count);
        Assert.Empty(index.NodeIds);
    }

    [Fact]
    public void Parse_MalformedMarkup_RecoversWhatItCanWithoutThrowing()
    {
        var index = DomIndex.Parse("<div node=\"3\"><p node=\"2\">unclosed <b node=\"1\">bold</div><td node=\"0\">stray cell</td></table></span>");

        Assert.Equal([3, 2, 1], index.NodeIds);
        Assert.Equal("bold", index.Signature(1).Text);
    }

    [Fact]
    public void Parse_DuplicateIds_FirstInDocumentOrderWins()
    {
        var index = DomIndex.Parse("<p node=\"1\">first</p><p node=\"1\">second</p><p node=\"0\">third</p>");

        Assert.Equal(2, index.Count);
        Assert.Equal("first", index.Find(1)!.TextContent);
    }

    [Fact]
    public void Parse_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => DomIndex.Parse(null!));
    }

    [Fact]
    public void Parse_ShadowRootAndInlineFrame_IndexesTheirElementsInOrder()
    {
        var index = DomIndex.Parse(
            "<div node=\"6\"><template shadowrootmode=\"open\"><button node=\"5\">In shadow</button></template><span node=\"4\">light</span></div>" +
            "<iframe node=\"3\"><html node=\"2\"><body node=\"1\"><p node=\"0\">Framed</p></body></html></iframe>");

        Assert.Equal([6, 5, 4, 3, 2, 1, 0], index.NodeIds);
        Assert.Equal("In shadow", index.Signature(5).Text);
        Assert.Equal("Framed", index.Signature(0).Text);
        Assert.Equal("", index.Signature(3).Text);
    }

    [Fact]
    public void Parse_DeeplyNestedPage_IndexesWithoutStackOverflow()
    {
        const int depth = 5000;
        var sb = new StringBuilder();
        for (var i = depth - 1; i >= 0; i--)
        {
            sb.Append("<div node=\"").Append(i).Append("\">");
        }

        sb.Append("deep text");
        var index = DomIndex.Parse(sb.ToString());

        Assert.Equal(depth, index.Count);
        Assert.Equal("deep text", index.Signature(depth - 1).Text);
        Assert.Equal(depth - 1, index.Signature(0).Position);
    }

    [Fact]
    public void OpeningTag_ReferenceExample_SortsAttributesAndDropsChildren()
    {
        var index = DomIndex.Parse("<button type=\"submit\" node=\"0\" aria-label=\"Save\">Save <b>now</b></button>");

        Assert.Equal("<button aria-label=\"Save\" node=\"0\" type=\"submit\">", index.OpeningTag(0));
    }

    [Fact]
    public void OpeningTag_SpecialCharacters_AreEscapedInDoubleQuotes()
    {
        var index = DomIndex.Parse("<a title='say \"hi\" <now>' node=\"1\" HREF=\"/s?a=1&amp;b=2\">x</a>");

        Assert.Equal("<a href=\"/s?a=1&amp;b=2\" node=\"1\" title=\"say &quot;hi&quot; &lt;now&gt;\">", index.OpeningTag(1));
    }

    [Fact]
    public void OpeningTag_VoidElement_EndsWithPlainBracket()
    {
        var index = DomIndex.Parse("<INPUT value=\"x\" disabled node=\"2\" Type=\"checkbox\"/><img node=\"1\" alt=\"Logo\" src=\"/l.png\"><br node=\"0\">");

        Assert.Equal("<input disabled=\"\" node=\"2\" type=\"checkbox\" value=\"x\">", index.OpeningTag(2));
        Assert.Equal("<img alt=\"Logo\" node=\"1\" src=\"/l.png\">", index.OpeningTag(1));
        Assert.Equal("<br node=\"0\">", index.OpeningTag(0));
    }

    [Fact]
    public void OpeningTag_UnknownId_ThrowsNamingTheId()
    {
        var index = DomIndex.Parse(Observation);

        var error = Assert.Throws<ArgumentException>(() => index.OpeningTag(42));
        Assert.Contains("42", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Signature_Button_HasTagSalientAttributesTextAndPosition()
    {
        var signature = DomIndex.Parse(Observation).Signature(2);

        Assert.Equal("button", signature.Tag);
        Assert.Equal(new Dictionary<string, string> { ["aria-label"] = "Search", ["type"] = "submit" }, signature.Attributes);
        Assert.Equal("Search", signature.Text);
        Assert.Null(signature.Label);
        Assert.Equal(0, signature.Position);
        Assert.Equal(1, signature.SameTagCount);
    }

    [Fact]
    public void Signature_InputWithLabelFor_HasLabelText()
    {
        var signature = DomIndex.Parse(Observation).Signature(6);

        Assert.Equal("input", signature.Tag);
        Assert.Equal("Invoice number", signature.Label);
        Assert.Equal("q-3f", signature.Attributes["id"]);
        Assert.Equal("invoice", signature.Attributes["name"]);
        Assert.Equal("e.g. 4471", signature.Attributes["placeholder"]);
        Assert.False(signature.Attributes.ContainsKey("node"));
    }

    [Fact]
    public void Signature_SelectInsideLabel_HasLabelTextWithoutOptions()
    {
        var signature = DomIndex.Parse(Observation).Signature(4);

        Assert.Equal("Status", signature.Label);
        Assert.Equal("Open", signature.Text);
    }

    [Fact]
    public void Signature_Link_KeepsHrefAndTitle()
    {
        var signature = DomIndex.Parse(Observation).Signature(0);

        Assert.Equal("/help?b=2&a=1", signature.Attributes["href"]);
        Assert.Equal("Help", signature.Attributes["title"]);
        Assert.Equal("Help", signature.Text);
    }

    [Fact]
    public void Signature_LongText_IsCollapsedAndCutTo200Characters()
    {
        var words = string.Join("\n\t  ", Enumerable.Range(0, 100).Select(i => $"word{i}"));
        var signature = DomIndex.Parse($"<p node=\"0\">  {words}  </p>").Signature(0);

        Assert.True(signature.Text.Length <= 200);
        Assert.StartsWith("word0 word1 word2", signature.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", signature.Text, StringComparison.Ordinal);
        Assert.False(char.IsWhiteSpace(signature.Text[^1]));
    }

    [Fact]
    public void Signature_TextAcrossChildren_JoinsLikeTextContent()
    {
        var signature = DomIndex.Parse("<a node=\"2\"><span node=\"1\">Download</span> <b node=\"0\">PDF</b><style>.x{}</style></a>").Signature(2);

        Assert.Equal("Download PDF", signature.Text);
    }

    [Fact]
    public void Signature_SameTagElements_CountsPositions()
    {
        var index = DomIndex.Parse("<button node=\"3\">A</button><div node=\"2\"></div><button node=\"1\">B</button><button node=\"0\">C</button>");

        Assert.Equal((1, 3), (index.Signature(1).Position, index.Signature(1).SameTagCount));
        Assert.Equal((0, 1), (index.Signature(2).Position, index.Signature(2).SameTagCount));
    }

    [Fact]
    public void Signature_UnknownId_ThrowsNamingTheId()
    {
        var error = Assert.Throws<ArgumentException>(() => DomIndex.Parse(Observation).Signature(77));

        Assert.Contains("77", error.Message, StringComparison.Ordinal);
    }
}
