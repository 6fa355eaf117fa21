using System.Text;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Pruning;

/// <summary>What the pruner asks the tokenizer: each distinct class token or value once per page, and nothing about
/// values that the rules delete whatever their ratio (a model's tokenizer costs microseconds a call).</summary>
public class HtmlPrunerTokenizerTests
{
    [Fact]
    public void Prune_RepeatedClassTokens_TokenizerAskedOncePerDistinctToken()
    {
        var sb = new StringBuilder("<body>");
        for (var i = 0; i < 2_000; i++)
        {
            sb.Append("<div class=\"row css-1a2b3c\"><button class=\"btn btn-primary\">Approve</button></div>");
        }

        var counter = new RecordingCounter(ApproximateTokenCounter.Instance);

        var pruned = HtmlPruner.Prune(sb.Append("</body>").ToString(), new PruneOptions { TokenCounter = counter });

        Assert.Equal(["row", "css-1a2b3c", "btn", "btn-primary"], counter.Texts);
        Assert.Contains("<div class=\"row\" node=", pruned.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Prune_LongValuesOfAttributesTheRulesDropAnyway_NeverCounted()
    {
        var path = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"L{i}.5 {i}.25"));
        var props = string.Join(',', Enumerable.Range(0, 30).Select(i => $"&quot;k{i}&quot;:{i}"));
        var href = "/invoices/" + string.Join('/', Enumerable.Range(0, 12).Select(i => $"section{i}"));
        var html = $"<body><svg><path d=\"{path}\"></path></svg><div data-props=\"{{{props}}}\" style=\"color: red; margin: 0 auto; padding: 4px 8px\">x</div>"
            + $"<a href=\"{href}\" onclick=\"track('{path}')\">Go</a></body>";
        var counter = new RecordingCounter(ApproximateTokenCounter.Instance, keepTextsUpTo: int.MaxValue);

        var pruned = HtmlPruner.Prune(html, new PruneOptions { TokenCounter = counter });

        Assert.Equal([href, $"track('{path}')"], counter.Texts);
        Assert.Contains($"href=\"{href}\"", pruned.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-props", pruned.Html, StringComparison.Ordinal);
    }
}
