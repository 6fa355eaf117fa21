using ScribeActors.Abstractions;
using ScribeActors.Agent.Prompting;

namespace ScribeActors.Agent.Tests.Prompting;

public sealed class ScribePromptTests
{
    private static readonly ScribeStep First = new(1, "Click \"Login\"", "mouse_click_action", 42, "<a href=\"/login\" node=\"42\">");
    private static readonly ScribeStep Second = new(2, "Scroll down", "scroll_action", null, null);

    [Fact]
    public void UserMessage_WithHistory_MatchesTheExactTemplate()
    {
        var message = ScribePrompt.UserMessage("Log in", "https://example.com/", "<body node=\"90\"> <a node=\"42\"> Login </a> </body>", [First, Second]);

        Assert.Equal(
            "Objective: Log in\nURL: https://example.com/\nObservation: <body node=\"90\"> <a node=\"42\"> Login </a> </body>\nStep-by-step guide:\n"
            + "1.\nDescription: Click \"Login\"\nAction: mouse_click_action\nNode: 42\nTarget: <a href=\"/login\" node=\"42\">\n"
            + "2.\nDescription: Scroll down\nAction: scroll_action\nNode: none\nTarget: none\n",
            message);
    }

    [Fact]
    public void UserMessage_FirstStep_EndsWithTheGuideHeader()
    {
        var message = ScribePrompt.UserMessage("Log in", "https://example.com/", "<p node=\"1\">", []);

        Assert.Equal("Objective: Log in\nURL: https://example.com/\nObservation: <p node=\"1\">\nStep-by-step guide:\n", message);
    }

    [Fact]
    public void UserMessage_MultiLineObjectiveAndUrl_CollapseToOneLine()
    {
        var message = ScribePrompt.UserMessage("  Book a\r\nflight\tto  Oslo ", " https://example.com/a\n", "", []);

        Assert.StartsWith("Objective: Book a flight to Oslo\nURL: https://example.com/a\nObservation: \n", message, StringComparison.Ordinal);
    }

    [Fact]
    public void UserMessage_Observation_IsCopiedVerbatim()
    {
        const string observation = "<div node=\"3\">  two  spaces\n</div>";

        Assert.Contains("\nObservation: " + observation + "\nStep-by-step guide:\n", ScribePrompt.UserMessage("o", "u", observation, []), StringComparison.Ordinal);
    }

    [Fact]
    public void UserMessageWithoutObservation_PlusObservation_GivesTheFullMessage()
    {
        const string observation = "<p node=\"1\"> hi </p>";
        var without = ScribePrompt.UserMessageWithoutObservation("Log in", "https://example.com/", [First]);
        var full = ScribePrompt.UserMessage("Log in", "https://example.com/", observation, [First]);

        var at = without.IndexOf("Observation: ", StringComparison.Ordinal) + "Observation: ".Length;
        Assert.Equal(full, without.Insert(at, observation));
    }

    [Fact]
    public void History_UsesOneNodeIdPerStep()
    {
        var history = ScribePrompt.History([First with { Node = 7 }]);

        Assert.Contains("\nNode: 7\n", history, StringComparison.Ordinal);
        Assert.DoesNotContain("7 7", history, StringComparison.Ordinal);
        Assert.Equal("", ScribePrompt.History([]));
    }

    [Theory]
    [InlineData("", "https://x", "objective")]
    [InlineData(" \n ", "https://x", "objective")]
    [InlineData("Log in", "", "url")]
    [InlineData("Log in", "\t", "url")]
    public void UserMessage_BlankObjectiveOrUrl_ThrowsNamingIt(string objective, string url, string parameter)
    {
        var e = Assert.Throws<ArgumentException>(() => ScribePrompt.UserMessage(objective, url, "", []));

        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(parameter == "url" ? "URL is empty" : "objective is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UserMessage_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ScribePrompt.UserMessage(null!, "u", "", []));
        Assert.Throws<ArgumentNullException>(() => ScribePrompt.UserMessage("o", null!, "", []));
        Assert.Throws<ArgumentNullException>(() => ScribePrompt.UserMessage("o", "u", null!, []));
        Assert.Throws<ArgumentNullException>(() => ScribePrompt.UserMessage("o", "u", "", null!));
    }

    [Fact]
    public void UserMessage_NullHistoryEntry_ThrowsNamingItsIndex()
    {
        var e = Assert.Throws<ArgumentException>(() => ScribePrompt.UserMessage("o", "u", "", [First, null!]));

        Assert.Contains("History entry 1 is null", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChatMl_Render_MatchesQwenWithGenerationPrompt()
    {
        var text = ChatMlTemplate.Instance.Render(ScribePrompt.SystemLine, "Objective: x");

        Assert.Equal(
            "<|im_start|>system\nHelp achieve the objective by generating the next step.<|im_end|>\n<|im_start|>user\nObjective: x<|im_end|>\n<|im_start|>assistant\n",
            text);
        Assert.Equal("chatml", ChatMlTemplate.Instance.Name);
    }

    [Fact]
    public void ChatMl_Render_SampleConversation_IsPinnedByteForByte()
    {
        // A whole step prompt with history, a CRLF and non-ASCII text in the page: the rendered bytes are what the model
        // was trained on, so they must not move when the template code does.
        var observation = "<body node=\"90\"> <h1 node=\"3\"> Köln – Zürich </h1>\r\n<a node=\"42\"> Login </a> </body>";
        var user = ScribePrompt.UserMessage("Log in", "https://example.com/", observation, [First, Second]);

        var text = ChatMlTemplate.Instance.Render(ScribePrompt.SystemLine, user);

        const string Expected =
            "<|im_start|>system\nHelp achieve the objective by generating the next step.<|im_end|>\n"
            + "<|im_start|>user\nObjective: Log in\nURL: https://example.com/\n"
            + "Observation: <body node=\"90\"> <h1 node=\"3\"> Köln – Zürich </h1>\r\n<a node=\"42\"> Login </a> </body>\n"
            + "Step-by-step guide:\n"
            + "1.\nDescription: Click \"Login\"\nAction: mouse_click_action\nNode: 42\nTarget: <a href=\"/login\" node=\"42\">\n"
            + "2.\nDescription: Scroll down\nAction: scroll_action\nNode: none\nTarget: none\n"
            + "<|im_end|>\n<|im_start|>assistant\n";
        Assert.Equal(Expected, text);
    }

    [Fact]
    public void ChatMl_NullMessage_Throws()
    {
        IChatTemplate template = new ChatMlTemplate();

        Assert.Throws<ArgumentNullException>(() => template.Render(null!, "u"));
        Assert.Throws<ArgumentNullException>(() => template.Render("s", null!));
    }
}
