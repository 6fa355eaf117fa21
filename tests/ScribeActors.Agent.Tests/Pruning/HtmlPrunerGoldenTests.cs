using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Pruning;

public class HtmlPrunerGoldenTests
{
    // ScribeAgent §3.11, verbatim.
    internal const string WorkedExample =
        "<html><head><title>Acme</title><script>var x=1;</script></head><body>\n" +
        "<div class=\"wrapper css-1x2y3z4\" data-test=\"abc\"><!-- c --><nav><a href=\"/home\" onclick=\"go()\">Home</a></nav>\n" +
        "<div></div><button type=\"submit\" style=\"color:red\" aria-label=\"Save\">Save</button></div></body></html>";

    [Fact]
    public void Prune_WorkedExample_MatchesReferenceOutput()
    {
        var pruned = HtmlPruner.Prune(WorkedExample, PruneOptions.Reference);

        Assert.Equal(
            "Acme <body node=\"5\"> <div class=\"wrapper\" node=\"4\"> <a href=\"/home\" node=\"2\" onclick=\"\"> Home </a> " +
            "<button aria-label=\"Save\" node=\"0\" type=\"submit\"> Save </button> </div> </body>",
            pruned.Html);
        Assert.True(pruned.IdsAssigned);
        Assert.Equal([5, 4, 2, 0], pruned.NodeIds);
        Assert.Equal(10, pruned.SourceElementCount);
    }

    [Fact]
    public void TargetTag_WorkedExampleButton_IsCleanedOpeningTag()
    {
        var pruned = HtmlPruner.Prune(WorkedExample, PruneOptions.Reference);

        Assert.Equal("<button aria-label=\"Save\" node=\"0\" type=\"submit\">", pruned.TargetTag(0));
    }

    [Theory]
    [InlineData(1, "<div node=\"1\">")]
    [InlineData(3, "<nav node=\"3\">")]
    [InlineData(6, "<script node=\"6\">")]
    [InlineData(7, "<title node=\"7\">")]
    [InlineData(9, "<html node=\"9\">")]
    public void TargetTag_PrunedOrUnwrappedElement_IsStillKnown(int id, string expected)
    {
        var pruned = HtmlPruner.Prune(WorkedExample, PruneOptions.Reference);

        Assert.Equal(expected, pruned.TargetTag(id));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(-1)]
    public void TargetTag_RootOrUnknownId_IsNull(int id)
    {
        var pruned = HtmlPruner.Prune(WorkedExample, PruneOptions.Reference);

        Assert.Null(pruned.TargetTag(id));
    }
}
