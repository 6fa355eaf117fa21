using ScribeActors.Abstractions;
using ScribeActors.DemoSites.Layout;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Web;

namespace ScribeActors.DemoSites.Tasks;

/// <summary>The supplier-portal tasks.</summary>
internal static class SupplierTasks
{
    private const string User = DemoCredentials.SupplierUser;
    // The expert solutions and objectives name the password by its secret; the silo that types it holds the value.
    private static readonly string Password = SecretPlaceholder.For(DemoCredentials.SupplierPasswordSecret);

    /// <summary>Browse the invoice list page by page (no search) to an invoice on page 2 or 3 and download its PDF.</summary>
    public static DemoTask DownloadInvoice(Uri baseUrl, DemoData data)
    {
        var (invoice, page) = DownloadTarget(data);

        var script = new List<ScriptedStep>(Steps.SignIn(User, Password));
        for (var p = 1; p < page; p++)
        {
            script.Add(Steps.Click("text=Next page", "Next page"));
        }

        script.Add(Steps.Click($"a:has-text(\"{invoice.Number}\")", invoice.Number));
        script.Add(Steps.Click("a:has-text(\"Download PDF\")", "Download PDF"));
        script.Add(Steps.Finish());

        var seed = data.Seed;
        return new DemoTask
        {
            Id = "supplier.download-invoice",
            Site = SiteNames.Supplier,
            Objective = $"Sign in to the supplier portal as {User} (password {Password}), browse the invoice list page by page " +
                        $"without using the search, open invoice {invoice.Number} from {invoice.Vendor} issued on {Html.Date(invoice.IssueDate)} " +
                        "and download its PDF once.",
            StartUrl = new Uri(baseUrl, "supplier/login").AbsoluteUri,
            Parameters = Parameters(seed, ("invoice", invoice.Number), ("vendor", invoice.Vendor), ("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            Script = script,
            Check = state =>
            {
                var e = new Expectations(state, seed);
                var downloads = state.Downloads.Count(d => d.InvoiceNumber == invoice.Number && d.Username == User);
                e.Expect(downloads == 1, $"{User} downloaded invoice {invoice.Number} {downloads} times, expected once");
                return e.Result($"Invoice {invoice.Number} was downloaded exactly once by {User}.");
            },
        };
    }

    /// <summary>Search for an invoice, open it and file a dispute through the validated form.</summary>
    public static DemoTask DisputeInvoice(Uri baseUrl, DemoData data)
    {
        var rng = new SeededRandom(data.Seed, "task:supplier.dispute-invoice");
        var candidates = data.Invoices.Where(i => i.Status is InvoiceStatus.Open or InvoiceStatus.Overdue).ToList();
        var invoice = rng.Pick(candidates);
        // Never the invoice another supplier task of the seed works on, so all of them can run at once on one reset: a
        // download of a disputed invoice still counts, but the largest open invoice changes once it is disputed. Drawn
        // again only on a collision, so the seeds without one keep their parameters.
        string[] taken = [DownloadTarget(data).Invoice.Number, LargestOpenTarget(data).Invoice.Number];
        if (taken.Contains(invoice.Number))
        {
            invoice = rng.Pick(candidates.Where(i => !taken.Contains(i.Number)).ToList());
        }

        var line = rng.Pick(invoice.Lines);
        var (reasonCode, amount, description) = DrawDispute(rng, line);
        var reason = DemoCatalogs.LabelOf(DemoCatalogs.DisputeReasons, reasonCode)!;
        var amountText = Amounts.Plain(amount);

        var script = new List<ScriptedStep>(Steps.SignIn(User, Password))
        {
            Steps.Type("input[name=\"q\"]", invoice.Number),
            Steps.Click("button:has-text(\"Search\")", "Search"),
            Steps.Click($"a:has-text(\"{invoice.Number}\")", invoice.Number),
            Steps.Click("a:has-text(\"Dispute this invoice\")", "Dispute this invoice"),
            Steps.Select("select[name=\"reason\"]", reason),
            Steps.Type("input[name=\"amount\"]", amountText),
            Steps.Type("textarea[name=\"description\"]", description),
            Steps.Click("input[name=\"confirm\"]", "I confirm that the information above is correct"),
            Steps.Click("button:has-text(\"Submit dispute\")", "Submit dispute"),
            Steps.Finish(),
        };

        var seed = data.Seed;
        return new DemoTask
        {
            Id = "supplier.dispute-invoice",
            Site = SiteNames.Supplier,
            Objective = $"Sign in to the supplier portal as {User} (password {Password}) and file a dispute for invoice {invoice.Number} " +
                        $"from {invoice.Vendor}: reason \"{reason}\", disputed amount {amountText} {invoice.Currency}, description " +
                        $"\"{description}\". Confirm that the information is correct and submit the dispute.",
            StartUrl = new Uri(baseUrl, "supplier/login").AbsoluteUri,
            Parameters = Parameters(seed, ("invoice", invoice.Number), ("vendor", invoice.Vendor), ("reason", reason),
                ("reasonCode", reasonCode), ("amount", amountText), ("currency", invoice.Currency), ("description", description)),
            Script = script,
            Check = state =>
            {
                var e = new Expectations(state, seed);
                var disputes = state.Disputes.Where(d => d.InvoiceNumber == invoice.Number).ToList();
                e.Expect(disputes.Count == 1, $"expected one dispute for {invoice.Number}, found {disputes.Count}");
                e.Expect(state.Disputes.Count == disputes.Count, $"found {state.Disputes.Count - disputes.Count} disputes for other invoices");
                if (disputes.Count == 1)
                {
                    var d = disputes[0];
                    e.Expect(d.Amount == amount, $"disputed amount is {Amounts.Plain(d.Amount)}, expected {amountText}");
                    e.Expect(d.ReasonCode == reasonCode, $"reason is \"{d.Reason}\", expected \"{reason}\"");
                    e.Expect(d.Description == description, $"description is \"{d.Description}\", expected \"{description}\"");
                    e.Expect(d.SubmittedBy == User, $"filed by {d.SubmittedBy}, expected {User}");
                }

                e.Expect(state.Invoices.Any(i => i.Number == invoice.Number && i.Status == InvoiceStatus.Disputed), $"invoice {invoice.Number} is not marked disputed");
                e.Expect(state.SubmissionCount(FormNames.SupplierDispute) == 1,
                    $"the dispute form was submitted {state.SubmissionCount(FormNames.SupplierDispute)} times, expected once");
                return e.Result($"One dispute for {invoice.Number} over {amountText} {invoice.Currency} (\"{reason}\") was filed, with one submission.");
            },
        };
    }

    /// <summary>Filter by status, search a vendor with Enter, and download the largest open invoice; the answer is its number.</summary>
    public static DemoTask LargestOpenInvoice(Uri baseUrl, DemoData data)
    {
        var (vendor, invoice) = LargestOpenTarget(data);

        var script = new List<ScriptedStep>(Steps.SignIn(User, Password))
        {
            Steps.Select("select[name=\"status\"]", "Open"),
            Steps.Type("input[name=\"q\"]", vendor),
            Steps.Press("Enter", "input[name=\"q\"]"),
            Steps.Click($"a:has-text(\"{invoice.Number}\")", invoice.Number),
            Steps.Click("a:has-text(\"Download PDF\")", "Download PDF"),
            Steps.Finish(invoice.Number),
        };

        var seed = data.Seed;
        return new DemoTask
        {
            Id = "supplier.largest-open-invoice",
            Site = SiteNames.Supplier,
            Objective = $"Sign in to the supplier portal as {User} (password {Password}), find the open invoice from {vendor} with the " +
                        "largest amount, download its PDF, and answer with its invoice number.",
            StartUrl = new Uri(baseUrl, "supplier/login").AbsoluteUri,
            Parameters = Parameters(seed, ("vendor", vendor), ("expectedAnswer", invoice.Number), ("amount", Amounts.Plain(invoice.Amount))),
            Script = script,
            Check = state =>
            {
                var e = new Expectations(state, seed);
                var downloads = state.Downloads.Count(d => d.InvoiceNumber == invoice.Number && d.Username == User);
                e.Expect(downloads == 1, $"{User} downloaded invoice {invoice.Number} {downloads} times, expected once");
                e.Expect(state.Searches.Any(s => s.Username == User && s.Query.Contains(vendor, StringComparison.OrdinalIgnoreCase)),
                    $"no invoice search for \"{vendor}\" was made");
                return e.Result($"{User} searched for {vendor} and downloaded {invoice.Number}, its largest open invoice.");
            },
        };
    }

    /// <summary>The largest-open-invoice task's vendor and answer: a vendor whose open invoices fit on one page and whose
    /// name no other vendor's contains, never with the download-invoice task's invoice as the answer.</summary>
    private static (string Vendor, Invoice Invoice) LargestOpenTarget(DemoData data)
    {
        var rng = new SeededRandom(data.Seed, "task:supplier.largest-open-invoice");
        // The answer is never the download-invoice task's invoice, so both tasks can run at once on one reset.
        var otherDownload = DownloadTarget(data).Invoice.Number;
        var eligible = DemoCatalogs.Vendors
            .Select(v => (Vendor: v, Open: data.Invoices.Where(i => i.Vendor == v && i.Status == InvoiceStatus.Open).ToList()))
            .Where(x => x.Open.Count is > 0 and <= InvoicePage.PageSize
                && DemoCatalogs.Vendors.Count(other => other.Contains(x.Vendor, StringComparison.OrdinalIgnoreCase)) == 1)
            .Select(x => (x.Vendor, Largest: x.Open.OrderByDescending(i => i.Amount).ThenBy(i => i.Number, StringComparer.Ordinal).First()))
            .Where(x => x.Largest.Number != otherDownload)
            .ToList();
        return rng.Pick(eligible);
    }

    /// <summary>The download-invoice task's invoice (on page 2 or 3 of the unfiltered list) and its page.</summary>
    private static (Invoice Invoice, int Page) DownloadTarget(DemoData data)
    {
        var index = new SeededRandom(data.Seed, "task:supplier.download-invoice").Next(InvoicePage.PageSize, 3 * InvoicePage.PageSize);
        return (data.Invoices[index], (index / InvoicePage.PageSize) + 1);
    }

    private static (string ReasonCode, decimal Amount, string Description) DrawDispute(SeededRandom rng, InvoiceLine line)
    {
        var kind = rng.Next(4);
        if (line.Quantity < 2 && kind is 0 or 2)
        {
            kind = 3;
        }

        switch (kind)
        {
            case 0:
                var missing = rng.Next(1, Math.Min(line.Quantity, 4));
                return ("wrong-quantity", missing * line.UnitPrice,
                    $"Only {line.Quantity - missing} of the {line.Quantity} units of {line.Description} were delivered.");
            case 1:
                var agreed = decimal.Round(line.UnitPrice * 0.9m, 2);
                return ("wrong-price", (line.UnitPrice - agreed) * line.Quantity,
                    $"The agreed unit price of {line.Description} is {Amounts.Plain(agreed)}, not {Amounts.Plain(line.UnitPrice)}.");
            case 2:
                var damaged = rng.Next(1, Math.Min(line.Quantity, 4));
                return ("damaged", damaged * line.UnitPrice, $"{damaged} units of {line.Description} arrived damaged and were returned.");
            default:
                return ("not-delivered", line.Total, $"{line.Description}: invoiced but never delivered.");
        }
    }

    private static Dictionary<string, string> Parameters(int seed, params (string Key, string Value)[] values)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["username"] = User,
            ["password"] = Password,
        };
        foreach (var (key, value) in values)
        {
            parameters[key] = value;
        }

        return parameters;
    }
}
