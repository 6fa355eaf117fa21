using ScribeActors.Abstractions;
using ScribeActors.Agent.Success;

namespace ScribeActors.Agent.Tests.Success;

public sealed class SuccessRuleTests
{
    private const string Url = "http://shop.test/supplier/disputes/DSP-1042";

    private const string Page =
        "<html node=\"9\"><head node=\"8\"><title node=\"7\">Dispute filed</title><script node=\"6\">var secret = 'Approved';</script></head>" +
        "<body node=\"5\"><div class=\"alert alert-success\" node=\"4\">Dispute   DSP-1042\n was <b node=\"3\">filed</b></div>" +
        "<table node=\"2\"><tr node=\"1\"><td node=\"0\">INV-7</td><td>Open</td></tr></table>" +
        "<p hidden>Refund approved</p></body></html>";

    private static SuccessVerdict Judge(SuccessCriteria? criteria, string dom = Page, string url = Url, ServerCheckResult? check = null) =>
        SuccessRule.Evaluate(criteria, new Observation { Url = url, Title = "Dispute filed", Dom = dom }, DomIndex.Parse(dom), check);

    [Fact]
    public void Evaluate_NoCriteria_MetButUnverified()
    {
        foreach (var none in new[] { null, new SuccessCriteria() })
        {
            var verdict = Judge(none);

            Assert.True(verdict.Met);
            Assert.False(verdict.Verified);
            Assert.StartsWith("Unverified: the spec gives no success criteria", verdict.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(@"/disputes/DSP-\d+$", true)]
    [InlineData(@"^http://shop\.test/", true)]
    [InlineData(@"/invoices/", false)]
    [InlineData(@"/DISPUTES/", false)]
    [InlineData(@"(?i)/DISPUTES/", true)]
    public void Evaluate_UrlPattern_SearchesTheFinalUrl(string pattern, bool met)
    {
        var verdict = Judge(new SuccessCriteria { UrlPattern = pattern });

        Assert.Equal(met, verdict.Met);
        Assert.True(verdict.Verified);
        Assert.Contains(met ? $"the URL matches {pattern}" : $"the URL {Url} does not match {pattern}", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dispute dsp-1042 was filed", true)]  // case and whitespace do not matter, inline markup joins words
    [InlineData("INV-7 Open", true)]                  // cells are set apart
    [InlineData("INV-7Open", false)]
    [InlineData("Approved", false)]                   // script text is not page text
    [InlineData("Refund approved", false)]            // nor an element marked hidden
    [InlineData("Dispute filed", false)]              // nor the title
    public void Evaluate_Text_LooksInThePageText(string text, bool met)
    {
        var verdict = Judge(new SuccessCriteria { Texts = [text] });

        Assert.Equal(met, verdict.Met);
    }

    [Fact]
    public void Evaluate_TextMissing_ReasonQuotesWhatThePageSays()
    {
        var verdict = Judge(new SuccessCriteria { Texts = ["Payment received", "INV-7"] });

        Assert.False(verdict.Met);
        Assert.Equal(
            $"The success criteria do not hold on {Url}: text \"Payment received\" is not on the page; " +
            "the page \"Dispute filed\" reads \"Dispute DSP-1042 was filed INV-7 Open\" (held: text \"INV-7\" is on the page).",
            verdict.Reason);
    }

    [Fact]
    public void Evaluate_LongPage_QuotesOnlyItsBeginning()
    {
        var dom = $"<html node=\"1\"><body node=\"0\">{string.Concat(Enumerable.Repeat("lorem ipsum ", 100))}</body></html>";

        var verdict = Judge(new SuccessCriteria { Texts = ["dolor"] }, dom);

        Assert.Contains("…\"", verdict.Reason, StringComparison.Ordinal);
        Assert.True(verdict.Reason.Length < 400, verdict.Reason);
    }

    [Theory]
    [InlineData("div.alert-success", true, "1 element matches div.alert-success")]
    [InlineData("td", true, "2 elements match td")]
    [InlineData("div.alert-danger", false, "no element matches div.alert-danger")]
    [InlineData("table tr > td:first-child", true, "1 element matches")]
    public void Evaluate_Element_MatchesCssSelectors(string selector, bool met, string said)
    {
        var verdict = Judge(new SuccessCriteria { Elements = [selector] });

        Assert.Equal(met, verdict.Met);
        Assert.Contains(said, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ElementInsideAFrame_IsFound()
    {
        // The capture writes a same-origin frame's document as the raw content of its iframe element.
        var dom = "<html node=\"3\"><body node=\"2\"><iframe node=\"1\"><html><body><span class=\"paid\" node=\"0\">Paid</span></body></html></iframe></body></html>";
        Assert.True(DomIndex.Parse(dom).Contains(0));

        Assert.True(Judge(new SuccessCriteria { Elements = ["span.paid"], Texts = ["Paid"] }, dom).Met);
        Assert.False(Judge(new SuccessCriteria { Elements = ["body > span.paid"] }, "<html node=\"1\"><body node=\"0\">Paid</body></html>").Met);
    }

    [Fact]
    public void Evaluate_UnsupportedSelector_FailsTheCriterionNamingIt()
    {
        var verdict = Judge(new SuccessCriteria { Elements = ["a:has-text(\"Paid\")"] });

        Assert.False(verdict.Met);
        Assert.Contains("'a:has-text(\"Paid\")' is not a CSS selector the page evaluator supports", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ServerCheck_PassesOnlyOn2xx()
    {
        var criteria = new SuccessCriteria { CheckUrl = "http://shop.test/api/check" };

        var ok = Judge(criteria, check: new ServerCheckResult { Url = criteria.CheckUrl, Status = 204, StatusText = "No Content" });
        var conflict = Judge(criteria, check: new ServerCheckResult { Url = criteria.CheckUrl, Status = 409, StatusText = "Conflict", Body = "Not done: no dispute" });
        var redirect = Judge(criteria, check: new ServerCheckResult { Url = criteria.CheckUrl, Status = 302, StatusText = "Found", Body = "redirects to /login" });
        var timeout = Judge(criteria, check: ServerCheckResult.Failed(criteria.CheckUrl, "no answer within 2 s"));
        var missing = Judge(criteria, check: null);

        Assert.True(ok.Met);
        Assert.Contains("the server check GET http://shop.test/api/check answered 204 No Content", ok.Reason, StringComparison.Ordinal);
        Assert.False(conflict.Met);
        Assert.Contains("answered 409 Conflict (Not done: no dispute), not 2xx", conflict.Reason, StringComparison.Ordinal);
        Assert.False(redirect.Met);
        Assert.Contains("answered 302 Found (redirects to /login)", redirect.Reason, StringComparison.Ordinal);
        Assert.False(timeout.Met);
        Assert.Contains("got no answer: no answer within 2 s", timeout.Reason, StringComparison.Ordinal);
        Assert.False(missing.Met);
        Assert.Contains("was not made", missing.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AllCriteriaHold_VerifiedNamingEach()
    {
        var criteria = new SuccessCriteria
        {
            UrlPattern = "/disputes/",
            Texts = ["was filed"],
            Elements = [".alert-success"],
            CheckUrl = "http://shop.test/api/check",
        };

        var verdict = Judge(criteria, check: new ServerCheckResult { Url = criteria.CheckUrl, Status = 200, StatusText = "OK" });

        Assert.True(verdict.Met);
        Assert.True(verdict.Verified);
        Assert.Equal(
            $"Verified on {Url}: the URL matches /disputes/; text \"was filed\" is on the page; 1 element matches .alert-success; " +
            "the server check GET http://shop.test/api/check answered 200 OK.",
            verdict.Reason);
    }

    [Fact]
    public void Evaluate_SeveralCriteriaFail_NamesEveryFailureAndWhatHeld()
    {
        var criteria = new SuccessCriteria
        {
            UrlPattern = "/receipts/",
            Texts = ["was filed"],
            Elements = [".receipt"],
            CheckUrl = "http://shop.test/api/check",
        };

        var verdict = Judge(criteria, check: ServerCheckResult.Failed(criteria.CheckUrl, "unreachable: connect ECONNREFUSED"));

        Assert.False(verdict.Met);
        Assert.Equal(
            $"The success criteria do not hold on {Url}: the URL {Url} does not match /receipts/; no element matches .receipt; " +
            "the server check GET http://shop.test/api/check got no answer: unreachable: connect ECONNREFUSED, not 2xx " +
            "(held: text \"was filed\" is on the page).",
            verdict.Reason);
    }

    [Fact]
    public void Evaluate_CatastrophicPattern_FailsWithinTheTimeout()
    {
        var url = "http://shop.test/" + new string('a', 40) + "!";

        var verdict = Judge(new SuccessCriteria { UrlPattern = "^http://shop.test/(a+)+$" }, url: url);

        Assert.False(verdict.Met);
        Assert.Contains("took longer than 1 s", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SelectorTheEvaluatorCannotRun_IsReportedNamingTheField()
    {
        var errors = SuccessRule.Validate(new SuccessCriteria { Elements = ["div.ok", "a:has-text(\"Paid\")", "p:nonsense", "div["] });

        Assert.Equal(2, errors.Count); // "div[" is reported by SuccessCriteria.Validate, once
        Assert.StartsWith("Success.Elements[1] 'a:has-text(\"Paid\")' is not a CSS selector the page evaluator supports", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("Success.Elements[2] 'p:nonsense'", errors[1], StringComparison.Ordinal);
    }
}
