using ScribeActors.Silo.Api;
using ScribeActors.Silo.Security;

namespace ScribeActors.IntegrationTests.Security;

/// <summary>Pure logic of the silo's key handling and error keying.</summary>
[Trait("Suite", "Unit")]
public sealed class ApiKeySetTests
{
    [Fact]
    public void Matches_AnyConfiguredKey_TrueOthersFalse()
    {
        var keys = new ApiKeySet(new ScribeAuthOptions { ApiKeys = " first-key-0123456789 ,\nsecond-key-0123456789\n" }.KeyList);

        Assert.True(keys.Required);
        Assert.True(keys.Matches("first-key-0123456789"));
        Assert.True(keys.Matches("second-key-0123456789"));
        Assert.False(keys.Matches("first-key-012345678"));
        Assert.False(keys.Matches("first-key-0123456789 "));
        Assert.False(keys.Matches(""));
        Assert.False(keys.Matches(null));
    }

    [Fact]
    public void Required_NoKeys_False()
    {
        var keys = new ApiKeySet(new ScribeAuthOptions().KeyList);

        Assert.False(keys.Required);
        Assert.False(keys.Matches("anything-at-all-0123"));
    }

    [Theory]
    [InlineData("Objective is empty.", "objective")]
    [InlineData("StartUrl 'x' is not an absolute URL.", "startUrl")]
    [InlineData("StepSource.Model.Options.Temperature 9 is outside 0..5.", "stepSource.model.options.temperature")]
    [InlineData("StepSource.Replay is missing: a replay workflow needs a recording.", "stepSource.replay")]
    [InlineData("The spec is odd.", "$")]
    public void SpecErrors_ByField_KeysByJsonPath(string message, string key)
    {
        var errors = SpecErrors.ByField<Abstractions.WorkflowSpec>([message]);

        Assert.Equal([message], errors[key]);
    }

    [Fact]
    public void SpecErrors_ByField_Prefix_NestsKeys()
    {
        var errors = SpecErrors.ByField<Abstractions.WorkflowSpec>(["MaxSteps 0 is outside 1..1000.", "Something else."], "workflow");

        Assert.Contains("workflow.maxSteps", errors.Keys);
        Assert.Contains("workflow", errors.Keys);
    }
}
