using ScribeActors.Abstractions;

namespace ScribeActors.Browser.Tests;

/// <summary>The rule that decides, from a probe of the target (or the capture's description of it), whether an action
/// can go ahead before any input is sent. Pure: no page, no clock.</summary>
public sealed class ActionReadinessTests
{
    private static readonly ElementProbe Button = new() { Attached = true, Tag = "button", Visible = true };
    private static readonly ElementProbe TextField = new() { Attached = true, Tag = "input", Type = "text", Visible = true, Fillable = true };
    private static readonly ElementProbe Colors = new()
    {
        Attached = true,
        Tag = "select",
        Visible = true,
        Options = [new("Red", "r"), new(" Green ", "g"), new("Blue", "Red-ish"), new("Navy", "n")],
    };

    private static readonly ElementProbe Option = new() { Attached = true, Tag = "option", Visible = true, OptionIndex = 2, SelectNode = 7 };

    public static TheoryData<BrowserAction> EveryKindOnANode =>
    [
        BrowserAction.Click(3), BrowserAction.Type(3, "x"), BrowserAction.Key("Enter", 3), BrowserAction.Select(3, "Red"),
        BrowserAction.Scroll(3), BrowserAction.Goto("http://127.0.0.1/") with { NodeId = 3 },
    ];

    [Theory]
    [MemberData(nameof(EveryKindOnANode))]
    public void Decide_ElementGone_IsDetachedWhateverTheAction(BrowserAction action)
    {
        Assert.IsType<ActionVerdict.Detached>(ActionReadiness.Decide(ElementProbe.Gone, action));
    }

    [Fact]
    public void Decide_ClickOnVisibleEnabledElement_IsReadyWithNoOption()
    {
        Assert.Equal(new ActionVerdict.Ready(), ActionReadiness.Decide(Button, BrowserAction.Click(3)));
    }

    [Theory]
    [InlineData(false, false, "it is hidden")]
    [InlineData(false, true, "it is hidden")] // hidden is named before disabled
    [InlineData(true, true, "it is disabled")]
    public void Decide_ClickOnHiddenOrDisabledElement_IsNotInteractableNamingWhy(bool visible, bool disabled, string why)
    {
        var verdict = ActionReadiness.Decide(Button with { Visible = visible, Disabled = disabled }, BrowserAction.Click(3));

        Assert.Equal(new ActionVerdict.NotInteractable(why), verdict);
    }

    [Fact]
    public void Decide_ClickOnOptionOfASelect_ChoosesItInItsSelect()
    {
        Assert.Equal(new ActionVerdict.ChooseInSelect(7, 2), ActionReadiness.Decide(Option, BrowserAction.Click(3)));
    }

    [Fact]
    public void Decide_ClickOnHiddenOptionOfASelect_StillChoosesItInItsSelect()
    {
        // The browser draws a select's list itself: its options have no box of their own to click.
        Assert.Equal(new ActionVerdict.ChooseInSelect(7, 2), ActionReadiness.Decide(Option with { Visible = false }, BrowserAction.Click(3)));
    }

    [Fact]
    public void Decide_ClickOnOptionOutsideAnySelect_IsNotInteractable()
    {
        var verdict = ActionReadiness.Decide(Option with { SelectNode = null, SelectDisabled = true }, BrowserAction.Click(3));

        Assert.Equal(new ActionVerdict.NotInteractable("it is an option outside any select"), verdict);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Decide_ClickOnOptionWhenItOrItsSelectIsDisabled_IsNotInteractable(bool optionDisabled, bool selectDisabled)
    {
        var verdict = ActionReadiness.Decide(Option with { Disabled = optionDisabled, SelectDisabled = selectDisabled }, BrowserAction.Click(3));

        Assert.Equal(new ActionVerdict.NotInteractable("it or its select is disabled"), verdict);
    }

    [Fact]
    public void Decide_TypeIntoVisibleEditableField_IsReady()
    {
        Assert.Equal(new ActionVerdict.Ready(), ActionReadiness.Decide(TextField, BrowserAction.Type(3, "hello")));
    }

    [Theory]
    [InlineData(true, false, true, false, "it is not a text field, text area or editable element")]
    [InlineData(false, false, true, true, "it is not a text field, text area or editable element")] // named before anything else
    [InlineData(true, true, true, false, "it is disabled")]
    [InlineData(true, true, true, true, "it is disabled")] // disabled is named before read-only
    [InlineData(true, true, false, true, "it is read-only")]
    [InlineData(false, true, false, false, "it is hidden")]
    [InlineData(false, true, true, false, "it is disabled")] // disabled is named before hidden
    public void Decide_TypeIntoFieldThatCannotTakeText_IsNotInteractableNamingWhy(bool visible, bool fillable, bool disabled, bool readOnly, string why)
    {
        var probe = TextField with { Visible = visible, Fillable = fillable, Disabled = disabled, ReadOnly = readOnly };

        Assert.Equal(new ActionVerdict.NotInteractable(why), ActionReadiness.Decide(probe, BrowserAction.Type(3, "x")));
    }

    [Fact]
    public void Decide_KeyOnHiddenDisabledElement_IsReady()
    {
        // The rule leaves a key press to Playwright's own checks and to the page.
        var verdict = ActionReadiness.Decide(Button with { Visible = false, Disabled = true }, BrowserAction.Key("Enter", 3));

        Assert.Equal(new ActionVerdict.Ready(), verdict);
    }

    [Theory]
    [InlineData("Red", 0)] // the exact label
    [InlineData("Green", 1)] // the trimmed label
    [InlineData(" Navy  ", 3)] // trimmed on both sides
    [InlineData("n", 3)] // the value
    [InlineData("Red-ish", 2)] // a value
    [InlineData("navy", 3)] // the label, ignoring case
    public void Decide_SelectNamingAnOption_IsReadyWithThatOptionsIndex(string text, int index)
    {
        Assert.Equal(new ActionVerdict.Ready(index), ActionReadiness.Decide(Colors, BrowserAction.Select(3, text)));
    }

    [Fact]
    public void Decide_SelectWhereALabelAndAValueMatch_TakesTheLabel()
    {
        var probe = Colors with { Options = [new("Blue", "Red"), new("Red", "x")] };

        Assert.Equal(new ActionVerdict.Ready(1), ActionReadiness.Decide(probe, BrowserAction.Select(3, "Red")));
    }

    [Fact]
    public void Decide_SelectNamingNoOption_IsNotInteractableListingTheOptions()
    {
        var verdict = ActionReadiness.Decide(Colors, BrowserAction.Select(3, "Purple"));

        Assert.Equal(new ActionVerdict.NotInteractable("it has no option labelled or valued 'Purple' (options: 'Red', ' Green ', 'Blue', 'Navy')"), verdict);
    }

    [Fact]
    public void Decide_SelectNamingNoneOfManyOptions_ListsTheFirstTwentyAndCountsThem()
    {
        var probe = Colors with { Options = [.. Enumerable.Range(1, 25).Select(i => new SelectOption($"o{i}", $"v{i}"))] };

        var verdict = Assert.IsType<ActionVerdict.NotInteractable>(ActionReadiness.Decide(probe, BrowserAction.Select(3, "none")));

        Assert.EndsWith("'o19', 'o20', … (25 in all))", verdict.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("'o21'", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_SelectOnAnotherElement_IsNotInteractable()
    {
        var verdict = ActionReadiness.Decide(TextField, BrowserAction.Select(3, "Red"));

        Assert.Equal(new ActionVerdict.NotInteractable("it is not a select element"), verdict);
    }

    [Fact]
    public void Decide_SelectOnDisabledSelect_IsNotInteractable()
    {
        var verdict = ActionReadiness.Decide(Colors with { Disabled = true }, BrowserAction.Select(3, "Red"));

        Assert.Equal(new ActionVerdict.NotInteractable("it is disabled"), verdict);
    }

    [Fact]
    public void Decide_SelectOnHiddenSelect_IsReady()
    {
        // The rule leaves a select's visibility to Playwright's own checks, which run before the option is chosen.
        Assert.Equal(new ActionVerdict.Ready(0), ActionReadiness.Decide(Colors with { Visible = false }, BrowserAction.Select(3, "Red")));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)] // a disabled element can still be scrolled to
    public void Decide_ScrollToVisibleElement_IsReady(bool visible, bool disabled)
    {
        var verdict = ActionReadiness.Decide(Button with { Visible = visible, Disabled = disabled }, BrowserAction.Scroll(3));

        Assert.Equal(new ActionVerdict.Ready(), verdict);
    }

    [Fact]
    public void Decide_ScrollToHiddenElement_IsNotInteractable()
    {
        var verdict = ActionReadiness.Decide(Button with { Visible = false }, BrowserAction.Scroll(3));

        Assert.Equal(new ActionVerdict.NotInteractable("it is hidden"), verdict);
    }

    [Theory]
    [InlineData(BrowserActionKind.Goto)]
    [InlineData(BrowserActionKind.Back)]
    public void Decide_NavigationGivenANode_TakesNoNode(BrowserActionKind kind)
    {
        var action = new BrowserAction { Kind = kind, NodeId = 3, Url = "http://127.0.0.1/" };

        Assert.IsType<ActionVerdict.TakesNoNode>(ActionReadiness.Decide(Button, action));
    }

    // 'A' + visible (1) + disabled (2) + fillable (4) + read-only (8); '.' = not described.
    [Theory]
    [InlineData('B', BrowserActionKind.Click, true)]
    [InlineData('A', BrowserActionKind.Click, false)]
    [InlineData('D', BrowserActionKind.Click, false)]
    [InlineData('B', BrowserActionKind.Scroll, true)]
    [InlineData('A', BrowserActionKind.Scroll, false)]
    [InlineData('D', BrowserActionKind.Scroll, false)] // stricter than the probe: left to it
    [InlineData('F', BrowserActionKind.Type, true)]
    [InlineData('B', BrowserActionKind.Type, false)]
    [InlineData('E', BrowserActionKind.Type, false)]
    [InlineData('H', BrowserActionKind.Type, false)]
    [InlineData('N', BrowserActionKind.Type, false)]
    [InlineData('A', BrowserActionKind.Key, true)]
    [InlineData('B', BrowserActionKind.Select, false)]
    [InlineData('B', BrowserActionKind.Goto, false)]
    [InlineData('.', BrowserActionKind.Click, false)]
    [InlineData('.', BrowserActionKind.Key, false)]
    public void ReadyByCapture_Description_SaysReadyOnlyWhereTheProbeWould(char described, BrowserActionKind kind, bool ready)
    {
        Assert.Equal(ready, ActionReadiness.ReadyByCapture($"..{described}", 2, kind));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public void ReadyByCapture_NodeTheCaptureDoesNotCover_IsNotReady(int node)
    {
        Assert.False(ActionReadiness.ReadyByCapture("BBB", node, BrowserActionKind.Key));
    }

    [Fact]
    public void ReadyByCapture_NoCapture_IsNotReady()
    {
        Assert.False(ActionReadiness.ReadyByCapture("", 0, BrowserActionKind.Key));
    }
}
