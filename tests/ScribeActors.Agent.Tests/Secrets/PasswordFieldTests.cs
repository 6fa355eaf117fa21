using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Tests.Secrets;

public sealed class PasswordFieldTests
{
    [Theory]
    [InlineData("<input node=\"4\" type=\"password\" name=\"pw\">", true)]
    [InlineData("<input type=password node=\"4\">", true)]
    [InlineData("<INPUT Type='Password'>", true)]
    [InlineData("<input node=\"4\" type=\"passwords\">", false)]
    [InlineData("<input node=\"4\" type=\"text\" placeholder=\"type=password\">", false)]
    [InlineData("<div type=\"password\">", false)]
    [InlineData(null, false)]
    public void IsTag_OpeningTags_OnlyPasswordInputs(string? tag, bool expected) =>
        Assert.Equal(expected, PasswordField.IsTag(tag));

    [Fact]
    public void Is_Signature_ByItsTypeAttribute()
    {
        Assert.True(PasswordField.Is(new TargetSignature { Tag = "input", Attributes = new() { ["type"] = " PASSWORD " } }));
        Assert.False(PasswordField.Is(new TargetSignature { Tag = "input", Attributes = new() { ["type"] = "text" } }));
        Assert.False(PasswordField.Is(null));
    }
}
