using ScribeActors.Silo.Viewer;

namespace ScribeActors.IntegrationTests.Viewer;

/// <summary>The stored DOM as the viewer serves it: outlined target, anchor before any id of the element, nothing else
/// changed, and a policy that turns scripts off.</summary>
[Trait("Suite", "Unit")]
public sealed class SafeDomDocumentTests
{
    private const string Dom = "<html node=\"4\"><body node=\"3\"><script node=\"2\">var a = ' node=\"1\">';</script>" +
        "<button id=\"go\" class=\"b\" node=\"1\">Go</button><input type=\"text\" node=\"0\"></body></html>";

    [Fact]
    public void Render_TargetWithItsOwnId_AnchorComesFirstAndRuleOutlinesIt()
    {
        var html = SafeDomDocument.Render(Dom, 1);

        Assert.Contains("<button id=\"scribe-target\" id=\"go\" class=\"b\" node=\"1\">Go</button>", html, StringComparison.Ordinal);
        Assert.Contains("<style>[node=\"1\"]{outline:3px solid", html, StringComparison.Ordinal);
        Assert.Contains("var a = ' node=\"1\">';", html, StringComparison.Ordinal); // the script's text is not the tag
    }

    [Fact]
    public void Render_VoidTarget_AnchorAfterTagName()
    {
        Assert.Contains("<input id=\"scribe-target\" type=\"text\" node=\"0\">", SafeDomDocument.Render(Dom, 0), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(99)]
    public void Render_NoTargetOrMissingNode_DomUnchangedAfterThePreamble(int? node)
    {
        var html = SafeDomDocument.Render(Dom, node);

        Assert.EndsWith(Dom, html, StringComparison.Ordinal);
        Assert.DoesNotContain("scribe-target", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_SandboxesWithoutScripts()
    {
        var directives = SafeDomDocument.Policy.Split(';', StringSplitOptions.TrimEntries);

        Assert.Contains("sandbox", directives);
        Assert.Contains("default-src 'none'", directives);
        Assert.DoesNotContain(directives, d => d.Contains("script", StringComparison.Ordinal) || d.Contains("allow-", StringComparison.Ordinal));
    }
}
