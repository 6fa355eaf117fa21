using ScribeActors.Abstractions;
using ScribeActors.Agent.Recording;

namespace ScribeActors.Agent.Tests.Secrets;

/// <summary>Bad secret input in specs and replay files is rejected with an error naming the field.</summary>
public sealed class SecretValidationTests
{
    private static readonly TargetSignature PasswordField = new() { Tag = "input", Attributes = new(StringComparer.Ordinal) { ["type"] = "password", ["name"] = "password" } };
    private static readonly TargetSignature Button = new() { Tag = "button", Text = "Sign in" };

    private static RecordedWorkflow Recording(params RecordedStep[] steps) => new() { Objective = "Sign in", StartUrl = "http://s.test/login", Steps = steps };

    private static WorkflowSpec Spec(RecordedWorkflow recording, string objective = "Sign in with {{secret:site_pw}}") => new()
    {
        Objective = objective,
        StartUrl = "http://s.test/login",
        StepSource = StepSourceSpec.ForReplay(recording),
    };

    private static RecordedStep TypePassword(string? value, string description = "Type the password") =>
        new() { Index = 1, Description = description, Action = StepActions.Type, Value = value, Signature = PasswordField };

    [Fact]
    public void Validate_PlaceholdersWhereTheyBelong_NoErrors()
    {
        var spec = Spec(Recording(TypePassword("{{secret:site_pw}}", "Type \"{{secret:site_pw}}\""), new RecordedStep { Description = "Click \"Sign in\"", Action = StepActions.Click, Signature = Button }));

        Assert.Empty(spec.Validate());
        Assert.Empty(RecordedWorkflowFile.Validate(spec.StepSource.Replay!));
    }

    [Fact]
    public void Validate_MalformedPlaceholderInObjective_NamesIt()
    {
        var errors = Spec(Recording(TypePassword("{{secret:site_pw}}")), objective: "Sign in with {{secret:site-pw}}").Validate();

        Assert.Contains(errors, e => e.StartsWith("Objective: '{{secret:site-pw}}' is not a valid secret placeholder", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MalformedPlaceholderInStepValue_NamesTheStep()
    {
        var errors = Spec(Recording(TypePassword("{{secret:}}"))).Validate();

        Assert.Contains(errors, e => e.StartsWith("StepSource.Replay.Steps[0].value: '{{secret:}}'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ClearTextTypedIntoPasswordField_IsRejectedWithoutTheValue()
    {
        var errors = Spec(Recording(TypePassword("hunter22"))).Validate();

        var error = Assert.Single(errors);
        Assert.Contains("StepSource.Replay.Steps[0] types clear text into a password field", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter22", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ClearTextInDescriptionOfPasswordStepWithoutValue_IsRejected()
    {
        var step = new RecordedStep { Description = "Type \"hunter22\"", Action = StepActions.Type, Target = "<input node=\"4\" type=\"password\" name=\"pw\">", Signature = new TargetSignature { Tag = "input" } };

        Assert.Contains(Spec(Recording(step)).Validate(), e => e.Contains("types clear text into a password field", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ClearingAPasswordField_IsAllowed() =>
        Assert.Empty(Spec(Recording(TypePassword(""))).Validate());

    [Fact]
    public void Validate_PlaceholderInAClickOrStartUrl_SecretsCanOnlyBeTyped()
    {
        var click = new RecordedStep { Description = "Click \"{{secret:site_pw}}\"", Action = StepActions.Click, Signature = Button };
        var spec = Spec(Recording(click)) with { StartUrl = "http://s.test/login?k={{secret:site_pw}}" };

        var errors = spec.Validate();

        Assert.Contains(errors, e => e == $"StepSource.Replay.Steps[0] ({StepActions.Click}) holds a secret placeholder: secrets can only be typed ({StepActions.Type}).");
        Assert.Contains(errors, e => e.StartsWith("StartUrl holds a secret placeholder", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ReplayFileWithClearTextPassword_ThrowsNamingTheStep()
    {
        var json = RecordedWorkflowFile.Serialize(Recording(TypePassword("hunter22")));

        var e = Assert.Throws<RecordedWorkflowFormatException>(() => RecordedWorkflowFile.Parse(json, "old.json"));

        Assert.Contains("'old.json' is malformed: steps[0] types clear text into a password field", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter22", e.Message, StringComparison.Ordinal);
    }
}
