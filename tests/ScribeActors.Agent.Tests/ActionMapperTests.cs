using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Tests;

public sealed class ActionMapperTests
{
    private static BrowserAction Action(StepMapping mapping)
    {
        Assert.True(mapping.Succeeded, mapping.Error);
        Assert.False(mapping.IsFinish);
        return mapping.Action!;
    }

    private static string Error(StepMapping mapping)
    {
        Assert.Null(mapping.Action);
        Assert.False(mapping.IsFinish);
        Assert.False(string.IsNullOrWhiteSpace(mapping.Error));
        return mapping.Error!;
    }

    [Fact]
    public void Map_Click_GivesClickOnTheNode()
    {
        Assert.Equal(BrowserAction.Click(7), Action(ActionMapper.Map(StepActions.Click, 7, "Click \"Save\"", null, "<button node=\"7\">")));
    }

    [Fact]
    public void Map_ClickOnSelect_StaysAClick()
    {
        Assert.Equal(BrowserAction.Click(3), Action(ActionMapper.Map(StepActions.Click, 3, "Click the category", null, "<select name=\"c\" node=\"3\">")));
    }

    [Theory]
    [InlineData("<option node=\"4\" value=\"travel\">")]
    [InlineData("option")]
    public void Map_ClickOnOption_IsAnErrorPointingToSelectOption(string target)
    {
        var error = Error(ActionMapper.Map(StepActions.Click, 4, "Click \"Travel\"", null, target));

        Assert.Contains("<option>", error, StringComparison.Ordinal);
        Assert.Contains(StepActions.SelectOption, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Type \"New York\"", "New York")]
    [InlineData("Type 'New York'", "New York")]
    [InlineData("Enter \"4471\" in the search box", "4471")]
    [InlineData("Input \"alice@example.com\"", "alice@example.com")]
    [InlineData("In \"City\", type \"Oslo\"", "Oslo")]
    [InlineData("Fill the \"Amount\" field with \"1,250.00\"", "1,250.00")]
    [InlineData("Type the customer's name 'Bob'", "Bob")]
    [InlineData("Type \u201CCaf\u00E9 Nord\u201D", "Caf\u00E9 Nord")]
    [InlineData("Type \"\" to clear", "")]
    public void Map_TypeWithQuotedDescription_TypesTheQuotedText(string description, string expected)
    {
        Assert.Equal(BrowserAction.Type(2, expected), Action(ActionMapper.Map(StepActions.Type, 2, description, null, "<input node=\"2\">")));
    }

    [Fact]
    public void Map_TypeWithValue_PrefersTheValue()
    {
        Assert.Equal(BrowserAction.Type(2, "value wins"), Action(ActionMapper.Map(StepActions.Type, 2, "Type \"ignored\"", "value wins", null)));
        Assert.Equal(BrowserAction.Type(2, ""), Action(ActionMapper.Map(StepActions.Type, 2, "Clear the field", "", null)));
    }

    [Fact]
    public void Map_TypeWithoutText_IsAnError()
    {
        var error = Error(ActionMapper.Map(StepActions.Type, 2, "Type the city", null, null));

        Assert.Contains(StepActions.Type, error, StringComparison.Ordinal);
        Assert.Contains("Type the city", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("enter", "Enter")]
    [InlineData("Return", "Enter")]
    [InlineData("ctrl+a", "Control+A")]
    [InlineData("Control + a", "Control+A")]
    [InlineData("cmd+shift+t", "Meta+Shift+T")]
    [InlineData("meta+c", "Meta+C")]
    [InlineData("esc", "Escape")]
    [InlineData("pagedown", "PageDown")]
    [InlineData("Page Down", "PageDown")]
    [InlineData("page_up", "PageUp")]
    [InlineData("tab", "Tab")]
    [InlineData("shift+tab", "Shift+Tab")]
    [InlineData("down", "ArrowDown")]
    [InlineData("arrow up", "ArrowUp")]
    [InlineData("ArrowLeft", "ArrowLeft")]
    [InlineData("f5", "F5")]
    [InlineData("F12", "F12")]
    [InlineData("alt+f4", "Alt+F4")]
    [InlineData("backspace", "Backspace")]
    [InlineData("del", "Delete")]
    [InlineData("space", "Space")]
    [InlineData("Control++", "Control++")]
    [InlineData("a", "a")]
    public void Map_KeyCombinationValue_NormalisesToPlaywrightNames(string value, string expected)
    {
        Assert.Equal(BrowserAction.Key(expected, 5), Action(ActionMapper.Map(StepActions.KeyCombination, 5, "Press keys", value, null)));
    }

    [Theory]
    [InlineData("Press \"Enter\"", "Enter")]
    [InlineData("Press \"Ctrl+A\"", "Control+A")]
    [InlineData("Press 'Escape' to close", "Escape")]
    [InlineData("Press Enter to search", "Enter")]
    [InlineData("Press the Ctrl + C keys", "Control+C")]
    public void Map_KeyCombinationFromDescription_ReadsTheKeys(string description, string expected)
    {
        Assert.Equal(BrowserAction.Key(expected), Action(ActionMapper.Map(StepActions.KeyCombination, null, description, null, null)));
    }

    [Fact]
    public void Map_KeyCombinationUnknownKey_IsAnErrorNamingTheKey()
    {
        var error = Error(ActionMapper.Map(StepActions.KeyCombination, null, "Press it", "Hyper+A", null));

        Assert.Contains("\"Hyper\"", error, StringComparison.Ordinal);
        Assert.Contains(StepActions.KeyCombination, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ctrl++A")]
    [InlineData("   ")]
    public void Map_KeyCombinationMalformed_IsAnError(string value)
    {
        Assert.Contains(StepActions.KeyCombination, Error(ActionMapper.Map(StepActions.KeyCombination, null, "Press", value, null)), StringComparison.Ordinal);
    }

    [Fact]
    public void Map_KeyCombinationWithoutKeys_IsAnError()
    {
        var error = Error(ActionMapper.Map(StepActions.KeyCombination, null, "Submit the form", null, null));

        Assert.Contains("needs the keys", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Select \"Travel\"", null, "Travel")]
    [InlineData("In \"Category\", choose \"Meals\"", null, "Meals")]
    [InlineData("Select the category", "Other", "Other")]
    public void Map_SelectOption_SelectsTheOption(string description, string? value, string expected)
    {
        Assert.Equal(BrowserAction.Select(9, expected), Action(ActionMapper.Map(StepActions.SelectOption, 9, description, value, "<select node=\"9\">")));
    }

    [Fact]
    public void Map_SelectOptionOnAnOption_IsAnError()
    {
        var error = Error(ActionMapper.Map(StepActions.SelectOption, 4, "Select \"Travel\"", null, "<option node=\"4\">"));

        Assert.Contains("<select>", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_SelectOptionWithoutOption_IsAnError()
    {
        Assert.Contains("needs the option", Error(ActionMapper.Map(StepActions.SelectOption, 9, "Pick a category", null, null)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Scroll", null, "down")]
    [InlineData(null, "Scroll up to the header", null, "up")]
    [InlineData(12, "Scroll to the total", null, "down")]
    [InlineData(null, "Scroll", "UP", "up")]
    [InlineData(null, "Scroll", " down ", "down")]
    public void Map_Scroll_GivesDirectionAndOptionalNode(int? node, string description, string? value, string direction)
    {
        Assert.Equal(BrowserAction.Scroll(node, direction), Action(ActionMapper.Map(StepActions.Scroll, node, description, value, null)));
    }

    [Fact]
    public void Map_ScrollWithBadDirection_IsAnError()
    {
        Assert.Contains("\"sideways\"", Error(ActionMapper.Map(StepActions.Scroll, null, "Scroll", "sideways", null)), StringComparison.Ordinal);
    }

    [Fact]
    public void Map_GoBack_GivesBack()
    {
        Assert.Equal(BrowserAction.Back(), Action(ActionMapper.Map(StepActions.GoBack, null, "Go back", null, null)));
    }

    [Theory]
    [InlineData(null, "Go to http://127.0.0.1:5100/invoices.", "http://127.0.0.1:5100/invoices")]
    [InlineData(null, "Open \"https://example.com/a?b=1\" now", "https://example.com/a?b=1")]
    [InlineData("http://127.0.0.1:5100/start", "Go to the start page", "http://127.0.0.1:5100/start")]
    public void Map_Goto_NavigatesToTheUrl(string? value, string description, string url)
    {
        Assert.Equal(BrowserAction.Goto(url), Action(ActionMapper.Map(StepActions.Goto, null, description, value, null)));
    }

    [Theory]
    [InlineData("/relative/path", "absolute http(s) URL")]
    [InlineData("file:///etc/passwd", "absolute http(s) URL")]
    [InlineData(null, "needs a URL")]
    public void Map_GotoWithoutUsableUrl_IsAnError(string? value, string message)
    {
        Assert.Contains(message, Error(ActionMapper.Map(StepActions.Goto, null, "Go to the portal", value, null)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,250.00", "Done", "1,250.00")]
    [InlineData(null, "The invoice total is \"1,250.00\"", "1,250.00")]
    [InlineData(null, "Objective complete", null)]
    public void Map_Finish_GivesFinishWithTheAnswer(string? value, string description, string? answer)
    {
        var mapping = ActionMapper.Map(StepActions.Finish, null, description, value, null);

        Assert.True(mapping.IsFinish);
        Assert.Null(mapping.Action);
        Assert.Null(mapping.Error);
        Assert.Equal(answer, mapping.Answer);
    }

    [Theory]
    [InlineData("mouse_click_action")]
    [InlineData("keyboard_sequence_action")]
    [InlineData("select_option_action")]
    public void Map_TargetActionWithoutNode_IsAnErrorNamingTheAction(string token)
    {
        var error = Error(ActionMapper.Map(token, null, "Type \"x\"", "x", null));

        Assert.Contains(token, error, StringComparison.Ordinal);
        Assert.Contains("needs a target node", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hover_action")]
    [InlineData("click")]
    public void Map_UnknownAction_IsAnErrorListingTheKnownOnes(string token)
    {
        var error = Error(ActionMapper.Map(token, 1, "Hover", null, null));

        Assert.Contains($"\"{token}\"", error, StringComparison.Ordinal);
        Assert.All(StepActions.All, known => Assert.Contains(known, error, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Map_EmptyAction_IsAnError(string token)
    {
        Assert.Contains("no action", Error(ActionMapper.Map(token, 1, "x", null, null)), StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ActionTokenCaseAndSpaces_AreIgnored()
    {
        Assert.Equal(BrowserAction.Click(1), Action(ActionMapper.Map(" Mouse_Click_Action ", 1, "Click", null, null)));
    }

    [Fact]
    public void Map_EveryKnownToken_MapsWithoutError()
    {
        foreach (var token in StepActions.All)
        {
            var mapping = ActionMapper.Map(token, 3, "Do \"Enter\" at http://127.0.0.1/x", null, "<select node=\"3\">");
            Assert.True(mapping.Succeeded, $"{token}: {mapping.Error}");
        }
    }

    [Fact]
    public void StepMapping_MoreOrLessThanOneOutcome_Throws()
    {
        Assert.Throws<ArgumentException>(() => new StepMapping(BrowserAction.Back(), true, null, null));
        Assert.Throws<ArgumentException>(() => new StepMapping(null, false, null, null));
        Assert.Throws<ArgumentException>(() => new StepMapping(BrowserAction.Back(), false, "answer", null));
        Assert.Throws<ArgumentException>(() => new StepMapping(null, false, null, " "));
    }
}
