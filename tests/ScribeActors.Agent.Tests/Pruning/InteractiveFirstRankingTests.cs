using System.Globalization;
using System.Text;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Pruning;

/// <summary>What the interactive-first fitter keeps first when little fits: fields and buttons, then what the objective names.</summary>
public class InteractiveFirstRankingTests
{
    private static readonly ITokenCounter Counter = ApproximateTokenCounter.Instance;

    // The supplier sign-in page of issue 12: header links and a hidden input before the form.
    private const string SignIn =
        "<html node=\"40\"><body node=\"39\"><header node=\"38\"><a node=\"37\" href=\"/supplier\">Meridian Supplier Portal</a>" +
        "<a node=\"36\" href=\"/supplier/help\">Help and frequently asked questions</a><a node=\"35\" href=\"/supplier/contact\">Contact your account manager</a>" +
        "<a node=\"34\" href=\"/supplier/status\">Service status and planned maintenance</a></header>" +
        "<main node=\"30\"><form node=\"29\"><input node=\"28\" type=\"hidden\" name=\"returnUrl\" value=\"/supplier/invoices\">" +
        "<label node=\"27\" for=\"u\">Username</label><input node=\"26\" id=\"u\" name=\"username\" type=\"text\">" +
        "<label node=\"25\" for=\"p\">Password</label><input node=\"24\" id=\"p\" name=\"password\" type=\"password\">" +
        "<button node=\"23\" type=\"submit\">Sign in</button></form></main></body></html>";

    [Theory]
    [InlineData(ObservationVariant.Project)]
    [InlineData(ObservationVariant.Reference)]
    public void Fit_SignInPageSmallBudget_FieldsAndButtonBeforeHeaderLinksAndHiddenInput(ObservationVariant variant)
    {
        var dom = HtmlPruner.Prune(SignIn, new PruneOptions { Variant = variant });
        var budget = Counter.CountTokens(dom.Html) / 2;

        var fitted = new InteractiveFirstFitter().Fit(dom, budget, Counter);

        Assert.True(fitted.Truncated);
        Assert.Subset(fitted.NodeIds.ToHashSet(), new HashSet<int> { 26, 24, 23 });
        Assert.DoesNotContain(28, fitted.NodeIds);
        Assert.DoesNotContain(34, fitted.NodeIds);
        FitterTestPages.AssertWellFormed(fitted.Html);
    }

    [Fact]
    public void Fit_HiddenInputAndVisibleField_HiddenInputNeverFirst()
    {
        // Reference observation (hidden inputs stay): with room for the (longer) visible field alone, it wins over the hidden one.
        var dom = HtmlPruner.Prune("<body node=\"9\"><form node=\"8\"><input node=\"7\" type=\"hidden\" name=\"t\" value=\"x\"><input node=\"6\" name=\"q\" type=\"text\" placeholder=\"Invoice number\"></form></body>", PruneOptions.Reference);
        var one = Counter.CountTokens("<body node=\"9\"> <form node=\"8\"> <input name=\"q\" node=\"6\" placeholder=\"Invoice number\" type=\"text\"/> </form> </body>");

        var fitted = new InteractiveFirstFitter().Fit(dom, one, Counter);

        Assert.Equal([9, 8, 6], fitted.NodeIds);
    }

    private const string Filler = "Reports wait here until a manager decides; a decision is final and the employee is told by mail at once, with the reason given.";

    // The approval queue of issue 12: a header, and rows whose only controls are look-alike buttons.
    private static string Queue(int rows)
    {
        var sb = new StringBuilder("<body><header><a href=\"/expenses\">Brightline Expenses</a><a href=\"/expenses/help\">Help</a></header><main><table>");
        for (var i = 0; i < rows; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>EXP-{6366 + i}</td><td>Employee number {i}</td><td>{10 + i}.50 EUR</td>");
            sb.Append("<td><form method=\"post\"><button type=\"submit\">Reject</button></form><form method=\"post\"><button type=\"submit\">Approve</button></form></td></tr>");
        }

        return sb.Append("</table><p>").Append(Filler).Append("</p></main></body>").ToString();
    }

    [Fact]
    public void Fit_ButtonsInTableRows_EachComesWithItsRowsTextsBeforeOtherText()
    {
        var dom = HtmlPruner.Prune(Queue(5), PruneOptions.Reference);
        var withRows = Counter.CountTokens(dom.Html) - Counter.CountTokens(Filler) + 4;

        var fitted = new InteractiveFirstFitter().Fit(dom, withRows, Counter);

        Assert.True(fitted.Truncated);
        for (var i = 0; i < 5; i++)
        {
            Assert.Contains($"EXP-{6366 + i}", fitted.Html, StringComparison.Ordinal);
            Assert.Contains($"{10 + i}.50 EUR", fitted.Html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Reports wait here", fitted.Html, StringComparison.Ordinal);
        Assert.Equal(10, CountOf(fitted.Html, "</button>"));
        FitterTestPages.AssertWellFormed(fitted.Html);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static PrunedHtml Invoices(int rows, Func<int, string> vendor)
    {
        var sb = new StringBuilder("<body><h1>Invoices</h1><table>");
        for (var i = 0; i < rows; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr class=\"row\"><td><a href=\"/invoices/INV-{1000 + i}\">INV-{1000 + i}</a></td><td>{vendor(i)}</td><td>{i * 7}.00 EUR</td></tr>");
        }

        return HtmlPruner.Prune(sb.Append("</table><a href=\"/invoices?page=2\">Next page</a></body>").ToString());
    }

    private static int LinkTo(PrunedHtml dom, string text)
    {
        var at = dom.Html.IndexOf("> " + text + " </a>", StringComparison.Ordinal);
        var node = dom.Html.LastIndexOf("node=\"", at, StringComparison.Ordinal) + 6;
        return int.Parse(dom.Html[node..dom.Html.IndexOf('"', node)], CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Fit_ObjectiveNamesARowInACollapsedListMiddle_RowKept()
    {
        var dom = Invoices(30, i => "Contoso");
        var target = LinkTo(dom, "INV-1015");
        var fitter = new InteractiveFirstFitter();
        var budget = Counter.CountTokens(dom.Html) / 3;

        var blind = fitter.Fit(dom, budget, Counter);
        var told = fitter.Fit(dom, budget, Counter, "Open invoice INV-1015 from Contoso and download its PDF.");

        Assert.DoesNotContain(target, blind.NodeIds);
        Assert.Contains(target, told.NodeIds);
        Assert.True(told.Tokens <= budget);
        Assert.Contains("more similar items", told.Html, StringComparison.Ordinal);
        FitterTestPages.AssertWellFormed(told.Html);
    }

    [Fact]
    public void Fit_ObjectiveWordOnManyRows_NoRowPromoted()
    {
        // "Contoso" is on every row: it names none of them, so the objective changes nothing.
        var dom = Invoices(30, i => i % 2 == 0 ? "Contoso" : "Fabrikam");
        var fitter = new InteractiveFirstFitter();
        var budget = Counter.CountTokens(dom.Html) / 3;

        Assert.Equal(fitter.Fit(dom, budget, Counter).Html, fitter.Fit(dom, budget, Counter, "Pay the oldest Contoso invoice.").Html);
    }

    [Fact]
    public void Fit_ObjectiveNamesALink_ItComesBeforeEarlierLinks()
    {
        var dom = HtmlPruner.Prune("<body node=\"9\"><a node=\"4\" href=\"/\">Home</a><a node=\"3\" href=\"/r\">Reports</a><a node=\"2\" href=\"/s\">Settings</a><a node=\"1\" href=\"?page=2\">Next page</a></body>");
        var fitter = new InteractiveFirstFitter();
        var budget = Counter.CountTokens("<body node=\"9\"> <a href=\"?page=2\" node=\"1\"> Next page </a> </body>") + 2;

        Assert.Equal([9, 4], fitter.Fit(dom, budget, Counter).NodeIds);
        Assert.Equal([9, 1], fitter.Fit(dom, budget, Counter, "Browse the invoices page by page.").NodeIds);
    }

    [Fact]
    public void Fit_TailFitterWithObjective_SameAsWithout()
    {
        var dom = Invoices(30, i => "Contoso");
        IDomFitter tail = new TailFitter();

        var blind = tail.Fit(dom, 200, Counter);
        var told = tail.Fit(dom, 200, Counter, "Open invoice INV-1015.");

        Assert.Equal(blind.Html, told.Html);
        Assert.Equal(blind.NodeIds, told.NodeIds);
    }
}
