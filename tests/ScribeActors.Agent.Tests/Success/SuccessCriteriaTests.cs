using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Tests.Success;

/// <summary>The spec-level checks of <see cref="SuccessCriteria"/> (Abstractions), which the client, the CLI and the REST
/// API run before anything starts.</summary>
public sealed class SuccessCriteriaTests
{
    private static WorkflowSpec Spec(SuccessCriteria success) => new()
    {
        Objective = "Pay the invoice",
        StartUrl = "http://shop.test:8080/invoices",
        StepSource = StepSourceSpec.ForModel(new ModelRef { ModelId = "tiny" }),
        Success = success,
    };

    [Fact]
    public void Validate_WellFormedCriteria_NoErrors()
    {
        var spec = Spec(new SuccessCriteria
        {
            UrlPattern = @"/invoices/\d+/paid$",
            Texts = ["Paid"],
            Elements = ["div.alert-success", "a[href*='/receipt'] > span", "tr:nth-child(2n+1) td:not(.empty)", "#total", "input[name=\"q\" i]"],
            CheckUrl = "http://shop.test:8080/api/paid?invoice=7",
        });

        Assert.Empty(spec.Validate());
    }

    [Fact]
    public void Validate_InvalidRegex_NamesTheField()
    {
        var errors = Spec(new SuccessCriteria { UrlPattern = "/invoices/(\\d+" }).Validate();

        var error = Assert.Single(errors);
        Assert.StartsWith("Success.UrlPattern '/invoices/(\\d+' is not a valid regular expression:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyPatternOrText_NamesTheField()
    {
        var errors = Spec(new SuccessCriteria { UrlPattern = " ", Texts = ["Paid", ""] }).Validate();

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("Success.UrlPattern is empty", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("Success.Texts[1] is empty", errors[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("div[", "'[' is never closed at character 4")]
    [InlineData("div[name='x'", "'[' is never closed at character 4")]
    [InlineData("a[href=\"/x]", "is never closed")]
    [InlineData("div >", "expected a selector, found the end")]
    [InlineData("> div", "expected a selector, found '>'")]
    [InlineData("div,,p", "expected a selector, found ','")]
    [InlineData("div.", "expected a class name after '.'")]
    [InlineData("#1st", "expected an id after '#'")]
    [InlineData("p:not(", "'(' is never closed")]
    [InlineData("p:is()", "empty '()'")]
    [InlineData("div)", "unexpected ')'")]
    [InlineData("div[name=]", "expected a value")]
    [InlineData("text=Paid", "unexpected '='")]
    [InlineData("  ", "is empty")]
    public void Validate_MalformedSelector_NamesTheFieldAndTheProblem(string selector, string problem)
    {
        var errors = Spec(new SuccessCriteria { Elements = ["div.ok", selector] }).Validate();

        var error = Assert.Single(errors);
        Assert.StartsWith("Success.Elements[1]", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/paid", "is not an absolute http(s) URL")]
    [InlineData("ftp://shop.test:8080/paid", "is not an absolute http(s) URL")]
    [InlineData("not a url", "is not an absolute http(s) URL")]
    [InlineData("http://elsewhere.test/paid", "Success.CheckUrl host 'elsewhere.test' is not in the allowed hosts [shop.test:8080]")]
    [InlineData("http://shop.test:9090/paid", "Success.CheckUrl host 'shop.test:9090' is not in the allowed hosts")]
    public void Validate_BadCheckUrl_NamesTheField(string url, string problem)
    {
        var errors = Spec(new SuccessCriteria { CheckUrl = url }).Validate();

        var error = Assert.Single(errors);
        Assert.StartsWith("Success.CheckUrl", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CheckUrlOnAnExplicitlyAllowedHost_Accepted()
    {
        var spec = Spec(new SuccessCriteria { CheckUrl = "https://api.shop.test/paid" }) with { AllowedHosts = ["shop.test:8080", "*.shop.test"] };

        Assert.Empty(spec.Validate());
    }

    [Fact]
    public void IsEmpty_OnlyWithoutAnyCriterion()
    {
        Assert.True(new SuccessCriteria().IsEmpty);
        Assert.False(new SuccessCriteria { Texts = ["x"] }.IsEmpty);
        Assert.False(new SuccessCriteria { CheckUrl = "http://a/" }.IsEmpty);
    }
}
