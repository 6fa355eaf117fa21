using ScribeActors.Abstractions;
using ScribeActors.Agent.Secrets;

namespace ScribeActors.Agent.Tests.Secrets;

public sealed class ClearTextSecretsTests
{
    private const string Value = "hunter22!";

    private static TargetSignature Field(string type, string name) =>
        new() { Tag = "input", Attributes = new(StringComparer.Ordinal) { ["type"] = type, ["name"] = name, ["value"] = type == "password" ? Value : "" } };

    private static RecordedWorkflow OldRecording() => new()
    {
        Objective = $"Sign in as alice with password {Value}",
        StartUrl = "https://portal.example.com/login",
        Steps =
        [
            new RecordedStep { Index = 1, Description = "Type \"alice\"", Action = StepActions.Type, Value = "alice", Signature = Field("text", "user"), Url = "https://portal.example.com/login" },
            new RecordedStep { Index = 2, Description = $"Type \"{Value}\"", Action = StepActions.Type, Value = Value, Signature = Field("password", "pwd"), Url = "https://portal.example.com/login" },
            new RecordedStep { Index = 3, Description = $"Type \"{Value}\"", Action = StepActions.Type, Value = Value, Signature = Field("password", "confirm"), Url = "https://portal.example.com/login" },
            new RecordedStep { Index = 4, Description = "Click \"Sign in\"", Action = StepActions.Click, Signature = new TargetSignature { Tag = "button", Text = "Sign in" } },
        ],
    };

    [Fact]
    public void Redact_PasswordEntries_BecomeOnePlaceholderEverywhere()
    {
        var (recording, found) = ClearTextSecrets.Redact(OldRecording());

        var secret = Assert.Single(found);
        Assert.Equal("portal_example_com_pwd", secret.Name);
        Assert.Equal("{{secret:portal_example_com_pwd}}", recording.Steps[1].Value);
        Assert.Equal("{{secret:portal_example_com_pwd}}", recording.Steps[2].Value);
        Assert.Equal("Type \"{{secret:portal_example_com_pwd}}\"", recording.Steps[1].Description);
        Assert.Equal("Sign in as alice with password {{secret:portal_example_com_pwd}}", recording.Objective);
        Assert.False(recording.Steps[1].Signature!.Attributes.ContainsKey("value"));
        Assert.Equal("alice", recording.Steps[0].Value);
        var file = Agent.Recording.RecordedWorkflowFile.Serialize(recording);
        Assert.DoesNotContain(Value, file, StringComparison.Ordinal);
        Assert.DoesNotContain("isPassword", file, StringComparison.Ordinal); // the rules are not part of the file format
        Assert.Empty(Agent.Recording.RecordedWorkflowFile.Validate(recording));
    }

    [Fact]
    public void Redact_ChosenNameForTwoValues_SecondGetsASuffix()
    {
        var old = OldRecording();
        old = old with { Steps = [.. old.Steps.Select(s => s.Index == 3 ? s with { Value = "other-secret", Description = "Type \"other-secret\"" } : s)] };

        var (recording, found) = ClearTextSecrets.Redact(old, _ => "portal");

        Assert.Equal(["portal", "portal_2"], found.Select(f => f.Name));
        Assert.Equal("{{secret:portal_2}}", recording.Steps[2].Value);
    }

    [Fact]
    public void Redact_PlaceholdersAlready_ReturnsTheSameRecording()
    {
        var (redacted, found) = ClearTextSecrets.Redact(OldRecording());

        var (again, none) = ClearTextSecrets.Redact(redacted);

        Assert.NotEmpty(found);
        Assert.Empty(none);
        Assert.Same(redacted, again);
    }

    [Fact]
    public void RedactWorkflow_ModelStepTypedIntoPasswordTarget_ValueScrubbedFromStepsReasonAndAnswer()
    {
        var spec = new WorkflowSpec { Objective = $"Sign in with {Value}", StartUrl = "https://portal.example.com/login", StepSource = StepSourceSpec.ForModel(new ModelRef { ModelId = "m" }) };
        var decided = new ScribeStep(1, $"Type \"{Value}\"", StepActions.Type, 7, "<input node=\"7\" type=\"password\" name=\"pwd\" value=\"{Value}\">");
        var block = decided.Render();
        var steps = new List<StepRecord>
        {
            new()
            {
                Index = 0, Description = block, Step = decided, Action = BrowserAction.Type(7, Value), UrlBefore = "https://portal.example.com/login",
                Outcome = ActionResult.Fail(ActionFailureKind.Timeout, $"'type node 7 \"{Value}\"' did not finish in time"),
                Inference = new StepInference { ModelId = "m", RawOutput = block },
            },
        };

        var redaction = ClearTextSecrets.RedactWorkflow(spec, steps, $"Step 1 (type node 7 \"{Value}\") failed", Value);

        Assert.True(redaction.Changed);
        var placeholder = "{{secret:portal_example_com_pwd}}";
        Assert.Equal($"Sign in with {placeholder}", redaction.Spec.Objective);
        Assert.Equal(placeholder, redaction.Steps[0].Action!.Text);
        Assert.Contains(placeholder, redaction.Steps[0].Description, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, redaction.Steps[0].Description, StringComparison.Ordinal);
        Assert.Equal($"Type \"{placeholder}\"", redaction.Steps[0].Step!.Description);   // the structured step too
        Assert.DoesNotContain(Value, redaction.Steps[0].Step!.Target, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, redaction.Steps[0].Outcome!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, redaction.Steps[0].Inference!.RawOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, redaction.FailureReason, StringComparison.Ordinal);
        Assert.Equal(placeholder, redaction.Answer);
    }

    [Fact]
    public void RedactWorkflow_ClearTextInOrdinaryField_CannotBeToldApartAndStays()
    {
        var spec = new WorkflowSpec { Objective = "Search for hunter", StartUrl = "https://s.test/", StepSource = StepSourceSpec.ForModel(new ModelRef { ModelId = "m" }) };
        var block = new ScribeStep(1, "Type \"hunter\"", StepActions.Type, 3, "<input node=\"3\" type=\"search\" name=\"q\">").Render();
        var steps = new List<StepRecord> { new() { Index = 0, Description = block, Action = BrowserAction.Type(3, "hunter") } };

        var redaction = ClearTextSecrets.RedactWorkflow(spec, steps, null, null);

        Assert.False(redaction.Changed);
        Assert.Same(spec, redaction.Spec);
    }

    [Fact]
    public void FoundSecret_ToString_NeverShowsTheValue()
    {
        var found = new FoundSecret("pw", Value);

        Assert.DoesNotContain(Value, found.ToString(), StringComparison.Ordinal);
        Assert.Contains("pw", found.ToString(), StringComparison.Ordinal);
    }
}
