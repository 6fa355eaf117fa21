using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Pruning;

/// <summary>The project's observation (<see cref="ObservationVariant.Project"/>) against the reference's, on observed DOMs.</summary>
public class HtmlPrunerProjectTests
{
    private static string Project(string inner) => Inner(inner, PruneOptions.Default);

    private static string Reference(string inner) => Inner(inner, PruneOptions.Reference);

    private static string Inner(string inner, PruneOptions options)
    {
        var html = HtmlPruner.Prune($"<html node=\"90\"><body node=\"91\">{inner}</body></html>", options).Html;
        const string Open = "<body node=\"91\"> ";
        const string Close = " </body>";
        Assert.StartsWith(Open, html, StringComparison.Ordinal);
        Assert.EndsWith(Close, html, StringComparison.Ordinal);
        return html[Open.Length..^Close.Length];
    }

    [Fact]
    public void Default_IsTheProjectObservation()
    {
        Assert.Equal(ObservationVariant.Project, PruneOptions.Default.Variant);
        Assert.Equal(ObservationVariant.Project, new PruneOptions().Variant);
        Assert.Equal(ObservationVariant.Reference, PruneOptions.Reference.Variant);
    }

    [Fact]
    public void Prune_TickedCheckboxAndLabelFor_StateAndAssociationKept()
    {
        const string Dom = "<label node=\"3\" for=\"copy\">Send me a copy</label><input node=\"2\" id=\"copy\" type=\"checkbox\" checked=\"\">";
        Assert.Equal("<label for=\"copy\" node=\"3\"> Send me a copy </label> <input checked=\"\" id=\"copy\" node=\"2\" type=\"checkbox\"/>", Project(Dom));
        Assert.Equal("<label node=\"3\"> Send me a copy </label> <input id=\"copy\" node=\"2\" type=\"checkbox\"/>", Reference(Dom));
    }

    [Fact]
    public void Prune_RadioGroup_ChosenRadioTellsFromTheOthers()
    {
        var html = Project("<input node=\"4\" type=\"radio\" name=\"ship\" value=\"std\"><input node=\"3\" type=\"radio\" name=\"ship\" value=\"exp\" checked=\"\">");
        Assert.Contains("<input name=\"ship\" node=\"4\" type=\"radio\" value=\"std\"/>", html, StringComparison.Ordinal);
        Assert.Contains("<input checked=\"\" name=\"ship\" node=\"3\" type=\"radio\" value=\"exp\"/>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Prune_SelectedOptionAndDisabledButton_StateKept()
    {
        const string Dom = "<select node=\"5\"><option node=\"4\">EUR</option><option node=\"3\" selected=\"\">USD</option></select><button node=\"2\" disabled=\"\">Pay</button>";
        Assert.Equal(
            "<select node=\"5\"> <option node=\"4\"> EUR </option> <option node=\"3\" selected=\"\"> USD </option> </select> <button disabled=\"\" node=\"2\"> Pay </button>",
            Project(Dom));
        Assert.DoesNotContain("selected", Reference(Dom), StringComparison.Ordinal);
        Assert.DoesNotContain("disabled", Reference(Dom), StringComparison.Ordinal);
    }

    [Fact]
    public void Prune_FieldValueWithLowRatio_KeptInProjectOnly()
    {
        // A low char-to-token value longer than the limit: the reference deletes it, the project keeps what was typed.
        const string Dom = "<input node=\"2\" type=\"text\" value=\"a8f3e2c1\"><div node=\"1\" title=\"t\" id=\"a8f3e2c1\"></div>";
        var project = HtmlPruner.Prune(Dom, PruneOptions.Default with { MaxAttributeLength = 4 }).Html;
        var reference = HtmlPruner.Prune(Dom, PruneOptions.Reference with { MaxAttributeLength = 4 }).Html;
        Assert.Contains("value=\"a8f3e2c1\"", project, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"a8f3e2c1\"", project, StringComparison.Ordinal);
        Assert.DoesNotContain("a8f3e2c1", reference, StringComparison.Ordinal);
    }

    [Fact]
    public void Prune_EmptyFieldValue_NotWritten()
    {
        Assert.Equal("<input node=\"1\" type=\"text\"/>", Project("<input node=\"1\" type=\"text\" value=\"\">"));
    }

    [Fact]
    public void Prune_ClosedDialog_DroppedOpenDialogKept()
    {
        const string Dom = "<dialog node=\"6\"><button node=\"5\">Delete all</button></dialog><dialog node=\"4\" open=\"\"><p node=\"3\">Saved</p><button node=\"2\">OK</button></dialog>";
        Assert.Equal("<dialog node=\"4\" open=\"\"> <p node=\"3\"> Saved </p> <button node=\"2\"> OK </button> </dialog>", Project(Dom));
        Assert.Contains("Delete all", Reference(Dom), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<table node=\"6\"><tr node=\"5\" data-scribe-hidden=\"\"><td node=\"4\">Filtered out</td></tr></table>")]
    [InlineData("<div node=\"5\" hidden=\"\"><p node=\"4\">Filtered out</p></div>")]
    [InlineData("<div node=\"5\" style=\"color: red; display: none\"><p node=\"4\">Filtered out</p></div>")]
    [InlineData("<input node=\"5\" type=\"hidden\" name=\"csrf\" value=\"Filtered out\">")]
    [InlineData("<details node=\"6\"><summary node=\"5\">More</summary><p node=\"4\">Filtered out</p></details>")]
    public void Prune_HiddenContent_DroppedIdsOfTheRestUnchanged(string hidden)
    {
        var dom = $"<table node=\"9\"><tr node=\"8\"><td node=\"7\">Shown</td></tr></table>{hidden}<button node=\"1\">Go</button>";
        var project = Project(dom);
        Assert.DoesNotContain("Filtered out", project, StringComparison.Ordinal);
        Assert.Contains("Shown", project, StringComparison.Ordinal);
        Assert.EndsWith("<button node=\"1\"> Go </button>", project, StringComparison.Ordinal);
        Assert.Contains("Filtered out", Reference(dom), StringComparison.Ordinal);
    }

    [Fact]
    public void Prune_Summary_KeptAsClickableTagOpenDetailsShown()
    {
        Assert.Equal("<summary node=\"5\"> More </summary>", Project("<details node=\"6\"><summary node=\"5\">More</summary><p node=\"4\">Body</p></details>"));
        Assert.Equal(
            "<summary node=\"5\"> More </summary> <p node=\"4\"> Body </p>",
            Project("<details node=\"6\" open=\"\"><summary node=\"5\">More</summary><p node=\"4\">Body</p></details>"));
        Assert.Equal("More", Reference("<details node=\"6\"><summary node=\"5\">More</summary></details>"));
    }

    [Fact]
    public void Prune_ExpandedMenu_AriaStateKept()
    {
        Assert.Equal(
            "<button aria-expanded=\"true\" node=\"2\"> Account </button>",
            Project("<button node=\"2\" aria-expanded=\"true\" data-x=\"y\">Account</button>"));
    }

    [Fact]
    public void Prune_HiddenMarkWrittenByAPage_NeverShown()
    {
        Assert.DoesNotContain(HtmlPruner.HiddenMark, HtmlPruner.Prune("<p node=\"1\" data-scribe-hidden=\"\" title=\"x\">a</p>", PruneOptions.Reference).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void TargetTag_ProjectObservation_CarriesState()
    {
        var pruned = HtmlPruner.Prune("<body node=\"3\"><input node=\"2\" type=\"checkbox\" checked=\"\"></body>");
        Assert.Equal("<input checked=\"\" node=\"2\" type=\"checkbox\"/>", pruned.TargetTag(2));
    }
}
