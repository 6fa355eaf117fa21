using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Tests.Secrets;

public sealed class SecretPlaceholderTests
{
    [Theory]
    [InlineData("supplier_password")]
    [InlineData("A")]
    [InlineData("Api_Key_2")]
    public void IsValidName_LetterThenLettersDigitsSingleUnderscores_IsTrue(string name) =>
        Assert.True(SecretPlaceholder.IsValidName(name));

    [Theory]
    [InlineData("")]
    [InlineData("2fa")]
    [InlineData("_x")]
    [InlineData("my-pass")]
    [InlineData("my.pass")]
    [InlineData("my pass")]
    [InlineData("double__underscore")]
    [InlineData("ümlaut")]
    public void IsValidName_OtherNames_IsFalse(string name) =>
        Assert.False(SecretPlaceholder.IsValidName(name));

    [Fact]
    public void IsValidName_LongerThan64_IsFalse()
    {
        Assert.True(SecretPlaceholder.IsValidName("a" + new string('b', 63)));
        Assert.False(SecretPlaceholder.IsValidName("a" + new string('b', 64)));
    }

    [Fact]
    public void Names_SeveralPlaceholders_DistinctIgnoringCaseInOrder()
    {
        var names = SecretPlaceholder.Names("log in with {{secret:User_Pass}} then {{secret:otp}} and {{secret:user_pass}} again");

        Assert.Equal(["User_Pass", "otp"], names);
    }

    [Fact]
    public void Names_MalformedPlaceholders_AreNotNames() =>
        Assert.Empty(SecretPlaceholder.Names("{{secret:my-pass}} {{secret:}} {{ secret:x }} {{secret:a__b}}"));

    [Theory]
    [InlineData("{{secret:}}", "{{secret:}}")]
    [InlineData("pw {{secret:my-pass}} end", "{{secret:my-pass}}")]
    [InlineData("{{ secret:x }}", "{{ secret:x }}")]
    [InlineData("{{SECRET:x}}", "{{SECRET:x}}")]
    [InlineData("{{secrets:x}}", "{{secrets:x}}")]
    [InlineData("{{secret:a__b}}", "{{secret:a__b}}")]
    [InlineData("unclosed {{secret:abc", "{{secret:abc")]
    [InlineData("{{secret:x}", "{{secret:x}")]
    public void Malformed_ThingsThatLookLikePlaceholders_AreReportedAsWritten(string text, string expected) =>
        Assert.Equal([expected], SecretPlaceholder.Malformed(text));

    [Fact]
    public void Malformed_WellFormedAndPlainText_ReportsNothing()
    {
        Assert.Empty(SecretPlaceholder.Malformed("Sign in with {{secret:supplier_password}}; {{not a secret}} stays text"));
        Assert.False(SecretPlaceholder.Contains("{{not a secret}}"));
        Assert.True(SecretPlaceholder.Contains("{{ Secret:x"));
    }

    [Fact]
    public void Validate_Malformed_NamesTheFieldThePlaceholderAndTheRule()
    {
        var error = Assert.Single(SecretPlaceholder.Validate("use {{secret:my-pass}}", "Objective"));

        Assert.StartsWith("Objective: '{{secret:my-pass}}' is not a valid secret placeholder", error, StringComparison.Ordinal);
        Assert.Contains("{{secret:NAME}}", error, StringComparison.Ordinal);
        Assert.Contains(SecretPlaceholder.NameRule, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replace_WellFormedPlaceholders_TakeTheirValuesAndLeaveTheRest()
    {
        var text = SecretPlaceholder.Replace("Bearer {{secret:token}}/{{secret:TOKEN}} {{other}}", name => name.ToUpperInvariant() == "TOKEN" ? "v4lue" : "?");

        Assert.Equal("Bearer v4lue/v4lue {{other}}", text);
    }

    [Fact]
    public void For_InvalidName_Throws()
    {
        Assert.Equal("{{secret:ok_name}}", SecretPlaceholder.For("ok_name"));
        Assert.Throws<ArgumentException>(() => SecretPlaceholder.For("not-ok"));
    }
}
