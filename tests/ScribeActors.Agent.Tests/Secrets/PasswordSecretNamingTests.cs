using ScribeActors.Abstractions;
using ScribeActors.Agent.Secrets;

namespace ScribeActors.Agent.Tests.Secrets;

public sealed class PasswordSecretNamingTests
{
    [Theory]
    [InlineData("https://portal.example.com/login", "pwd", null, "portal_example_com_pwd")]
    [InlineData("http://127.0.0.1:5100/supplier/login", "password", null, "site_127_0_0_1_password")]
    [InlineData("http://intranet/login", null, "pass-word", "intranet_pass_word")]
    [InlineData("http://intranet/login", null, null, "intranet_password")]
    [InlineData("not a url", "Pass__Word", null, "site_pass_word")]
    public void NameFor_HostAndField_IsAValidDerivedName(string url, string? name, string? id, string expected)
    {
        var derived = PasswordSecretNaming.NameFor(url, name, id);

        Assert.Equal(expected, derived);
        Assert.True(SecretPlaceholder.IsValidName(derived));
    }

    [Fact]
    public void NameFor_VeryLongHost_CutTo64AndStillValid()
    {
        var derived = PasswordSecretNaming.NameFor("http://" + string.Join('.', Enumerable.Repeat("segment", 20)) + "/", "password", null);

        Assert.True(derived.Length <= SecretPlaceholder.MaxNameLength);
        Assert.True(SecretPlaceholder.IsValidName(derived));
    }
}
