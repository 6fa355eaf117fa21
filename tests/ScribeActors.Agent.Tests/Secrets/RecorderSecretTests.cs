using ScribeActors.Abstractions;
using ScribeActors.Agent.Recording;

namespace ScribeActors.Agent.Tests.Secrets;

/// <summary>A recorder writes placeholders, never values, for text typed into password fields.</summary>
public sealed class RecorderSecretTests
{
    private const string Value = "pa55-w0rd";

    private static readonly string Login = TestPages.Number(
        "<html><body><form><input name=\"username\"><input type=\"password\" name=\"pwd\"><button type=\"submit\">Sign in</button></form></body></html>");

    private sealed class LoginBrowser : IRecordingBrowser
    {
        private readonly DomIndex _dom = DomIndex.Parse(Login);

        public List<BrowserAction> Executed { get; } = [];

        public Task<Observation> ObserveAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new Observation { Url = "https://portal.example.com/login", Dom = Login, NodeCount = _dom.Count });

        public Task<int?> ResolveNodeAsync(string selector, CancellationToken cancellationToken) => Task.FromResult<int?>(_dom.NodeIds.Single(id => selector switch
        {
            "user" => _dom.Find(id)!.GetAttribute("name") == "username",
            "pwd" => _dom.Find(id)!.GetAttribute("name") == "pwd",
            _ => _dom.Find(id)!.LocalName == "button",
        }));

        public Task<ActionResult> ExecuteAsync(BrowserAction action, CancellationToken cancellationToken)
        {
            Executed.Add(action);
            return Task.FromResult(ActionResult.Success("https://portal.example.com/login", TimeSpan.Zero));
        }
    }

    private static readonly ScriptedStep[] Script =
    [
        new() { Description = "Type \"alice\"", Action = StepActions.Type, Selector = "user", Value = "alice" },
        new() { Description = $"Type \"{Value}\"", Action = StepActions.Type, Selector = "pwd", Value = Value },
        new() { Description = "Click \"Sign in\"", Action = StepActions.Click, Selector = "button" },
        new() { Description = "Done", Action = StepActions.Finish },
    ];

    [Fact]
    public async Task RecordAsync_ClearTextIntoPasswordField_TypesItButRecordsADerivedPlaceholder()
    {
        var browser = new LoginBrowser();

        var recording = await WorkflowRecorder.RecordAsync(browser, $"Sign in with {Value}", "https://portal.example.com/login", Script);

        Assert.Contains(browser.Executed, a => a.Text == Value);
        Assert.Equal("{{secret:portal_example_com_pwd}}", recording.Steps[1].Value);
        Assert.Equal("alice", recording.Steps[0].Value);
        Assert.DoesNotContain(Value, RecordedWorkflowFile.Serialize(recording), StringComparison.Ordinal);
        Assert.Empty(RecordedWorkflowFile.Validate(recording));
    }

    [Fact]
    public async Task RecordAsync_ChosenSecretName_UsedForThePasswordField()
    {
        var recording = await WorkflowRecorder.RecordAsync(new LoginBrowser(), "Sign in", "https://portal.example.com/login", Script, passwordSecret: "portal_login");

        Assert.Equal("{{secret:portal_login}}", recording.Steps[1].Value);
        Assert.Equal("Type \"{{secret:portal_login}}\"", recording.Steps[1].Description);
    }

    [Fact]
    public async Task RecordAsync_InvalidSecretName_ThrowsBeforeActing()
    {
        var browser = new LoginBrowser();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => WorkflowRecorder.RecordAsync(browser, "o", "https://portal.example.com/login", Script, passwordSecret: "bad-name"));

        Assert.Contains("'bad-name' is not a valid secret name", e.Message, StringComparison.Ordinal);
        Assert.Empty(browser.Executed);
    }
}
