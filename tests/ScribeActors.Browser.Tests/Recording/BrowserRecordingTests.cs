using ScribeActors.Abstractions;
using ScribeActors.Agent.Recording;
using ScribeActors.Browser.Recording;
using ScribeActors.Browser.Tests.Infrastructure;

namespace ScribeActors.Browser.Tests.Recording;

/// <summary>Recording an expert script in a fresh session of the process's browser host, against the test site.</summary>
[Collection(ActionCollection.Name)]
public sealed class BrowserRecordingTests(BrowserFixture fixture)
{
    [Fact]
    public async Task RecordAsync_Script_PerformsEachStepAndRecordsItsTarget()
    {
        var startUrl = fixture.Site.Url("journal");
        ScriptedStep[] script =
        [
            new() { Description = "Type the note", Action = StepActions.Type, Selector = "#note", Value = "first" },
            new() { Description = "Add it", Action = StepActions.Click, Selector = "#add" },
            new() { Description = "Done", Action = StepActions.Finish, Value = "added" },
        ];

        var recording = await fixture.Host.RecordAsync("Add a note", startUrl, script, [fixture.Site.Host], source: "test");

        Assert.Equal(1, fixture.Site.Posts("/journal"));
        Assert.Equal("Add a note", recording.Objective);
        Assert.Equal(startUrl, recording.StartUrl);
        Assert.Equal("test", recording.Source);
        Assert.Equal([1, 2, 3], recording.Steps.Select(s => s.Index));
        Assert.Equal([StepActions.Type, StepActions.Click, StepActions.Finish], recording.Steps.Select(s => s.Action));
        Assert.All(recording.Steps, s => Assert.Equal(startUrl, s.Url));
        Assert.All(recording.Steps[..2], s => Assert.NotNull(s.Node));
        Assert.StartsWith("<input", recording.Steps[0].Target, StringComparison.Ordinal);
        Assert.StartsWith("<button", recording.Steps[1].Target, StringComparison.Ordinal);
        Assert.Equal("first", recording.Steps[0].Value);
        Assert.Null(recording.Steps[2].Node);
    }

    [Fact]
    public async Task RecordAsync_ClearTextPassword_IsRecordedAsTheNamedPlaceholder()
    {
        ScriptedStep[] script =
        [
            new() { Description = "Type the password", Action = StepActions.Type, Selector = "#pw", Value = "hunter2-not-stored" },
        ];

        var recording = await fixture.Host.RecordAsync("Sign in", fixture.Site.Url("form.html"), script, passwordSecret: "FORM_PASSWORD");

        var step = Assert.Single(recording.Steps);
        Assert.True(step.IsPasswordEntry);
        Assert.Equal(SecretPlaceholder.For("FORM_PASSWORD"), step.Value);
        Assert.DoesNotContain("hunter2", RecordedWorkflowFile.Serialize(recording), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAsync_StartUrlOffTheAllowList_ThrowsRecordingExceptionNamingTheUrl()
    {
        var startUrl = fixture.Site.Url("basic.html");
        ScriptedStep[] script = [new() { Description = "Done", Action = StepActions.Finish, Value = "x" }];

        var error = await Assert.ThrowsAsync<RecordingException>(() =>
            fixture.Host.RecordAsync("Open it", startUrl, script, [fixture.Site.ForeignHost]));

        Assert.StartsWith($"Could not open {startUrl} to record: {ActionFailureKind.HostNotAllowed}", error.Message, StringComparison.Ordinal);
    }
}
