using System.Globalization;
using ScribeActors.Abstractions;
using ScribeActors.DemoSites.Layout;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Web;

namespace ScribeActors.DemoSites.Tasks;

/// <summary>The expenses-app tasks.</summary>
internal static class ExpenseTasks
{
    private static readonly string[] Cities = ["Hamburg", "Lyon", "Rotterdam", "Milan", "Vienna", "Copenhagen"];

    /// <summary>Fill in the three-step expense form and submit it.</summary>
    public static DemoTask SubmitReport(Uri baseUrl, DemoData data)
    {
        var rng = new SeededRandom(data.Seed, "task:expenses.submit-report");
        var date = new DateOnly(2025, 3, 1).AddDays(rng.Next(0, 120));
        var category = rng.Pick(DemoCatalogs.ExpenseCategories).Label;
        var merchant = rng.Pick(DemoCatalogs.MerchantsByCategory[category]);
        var amount = rng.Next(3000, 48000) / 100m;
        var (projectCode, projectLabel) = rng.Pick(DemoCatalogs.Projects);
        var city = rng.Pick(Cities);
        var purpose = category switch
        {
            "Travel" => $"Travel to the {city} customer workshop",
            "Meals" => $"Team lunch with the {city} project partners",
            "Lodging" => $"Two nights in {city} for the quarterly review",
            "Office supplies" => $"Supplies for the {city} office move",
            "Software" => $"Annual licence for the {city} build servers",
            _ => $"Course fee for the {city} security training",
        };
        var (user, password) = (DemoCredentials.EmployeeUser, SecretPlaceholder.For(DemoCredentials.EmployeePasswordSecret));
        var dateText = Html.IsoDate(date);
        var amountText = Amounts.Plain(amount);

        var script = new List<ScriptedStep>(Steps.SignIn(user, password))
        {
            Steps.Click("a:has-text(\"New report\")", "New report"),
            Steps.Type("input[name=\"date\"]", dateText),
            Steps.Select("select[name=\"category\"]", category),
            Steps.Type("input[name=\"amount\"]", amountText),
            Steps.Type("input[name=\"merchant\"]", merchant),
            Steps.Click("button:has-text(\"Next\")", "Next"),
            Steps.Type("textarea[name=\"description\"]", purpose),
            Steps.Click("input[name=\"receipt\"]", "Receipt attached"),
            Steps.Select("select[name=\"project\"]", projectLabel),
            Steps.Click("button:has-text(\"Next\")", "Next"),
            Steps.Click("button:has-text(\"Submit report\")", "Submit report"),
            Steps.Finish(),
        };

        var seed = data.Seed;
        return new DemoTask
        {
            Id = "expenses.submit-report",
            Site = SiteNames.Expenses,
            Objective = $"Sign in to the expenses app as {user} (password {password}) and submit a new expense report: date {dateText}, " +
                        $"category {category}, amount {amountText} {DemoData.Currency}, merchant {merchant}, business purpose \"{purpose}\", " +
                        $"receipt attached, project {projectLabel}.",
            StartUrl = new Uri(baseUrl, "expenses/login").AbsoluteUri,
            Parameters = Parameters(seed, user, password, ("date", dateText), ("category", category), ("amount", amountText),
                ("merchant", merchant), ("description", purpose), ("project", projectCode), ("projectLabel", projectLabel)),
            Script = script,
            Check = state =>
            {
                var e = new Expectations(state, seed);
                var submitted = state.ExpenseReports.Where(r => r.Employee == user && r.Status == ExpenseStatus.Pending).ToList();
                e.Expect(submitted.Count == 1, $"expected one submitted (pending) report by {user}, found {submitted.Count}");
                if (submitted.Count == 1)
                {
                    var r = submitted[0];
                    e.Expect(r.Date == date, $"date is {Html.IsoDate(r.Date)}, expected {dateText}");
                    e.Expect(r.Category == category, $"category is {r.Category}, expected {category}");
                    e.Expect(r.Amount == amount, $"amount is {Amounts.Plain(r.Amount)}, expected {amountText}");
                    e.Expect(r.Merchant == merchant, $"merchant is \"{r.Merchant}\", expected \"{merchant}\"");
                    e.Expect(r.Description == purpose, $"business purpose is \"{r.Description}\", expected \"{purpose}\"");
                    e.Expect(r.ReceiptAttached, "the receipt box is not ticked");
                    e.Expect(r.Project == projectCode, $"project is {r.Project}, expected {projectCode}");
                }

                e.Expect(state.SubmissionCount(FormNames.ExpensesReport) == 1,
                    $"the report was submitted {state.SubmissionCount(FormNames.ExpensesReport)} times, expected once");
                return e.Result($"{user} submitted one report: {category}, {amountText} {DemoData.Currency} at {merchant}, project {projectCode}.");
            },
        };
    }

    /// <summary>As the manager, approve one named report in the approval queue.</summary>
    public static DemoTask ApproveReport(Uri baseUrl, DemoData data) =>
        Decide(baseUrl, data, "expenses.approve-report", ExpenseStatus.Approved, pressEnter: false);

    /// <summary>As the manager, reject one named report (signing in with Enter instead of the button).</summary>
    public static DemoTask RejectReport(Uri baseUrl, DemoData data) =>
        Decide(baseUrl, data, "expenses.reject-report", ExpenseStatus.Rejected, pressEnter: true);

    private static DemoTask Decide(Uri baseUrl, DemoData data, string id, ExpenseStatus decision, bool pressEnter)
    {
        var pending = data.ExpenseReports.Where(r => r.Status == ExpenseStatus.Pending).ToList();
        var pick = new SeededRandom(data.Seed, "task:expenses.decide").Shuffled(pending);
        // The approve and reject tasks of one seed name different reports.
        var report = decision == ExpenseStatus.Approved ? pick[0] : pick[1];
        var (siblingReport, siblingDecision) = decision == ExpenseStatus.Approved ? (pick[1].Id, ExpenseStatus.Rejected) : (pick[0].Id, ExpenseStatus.Approved);
        var (user, password) = (DemoCredentials.ManagerUser, SecretPlaceholder.For(DemoCredentials.ManagerPasswordSecret));
        var verb = decision == ExpenseStatus.Approved ? "Approve" : "Reject";
        var amountText = Amounts.Plain(report.Amount);

        var script = new List<ScriptedStep>(Steps.SignIn(user, password, pressEnter))
        {
            Steps.Click("a:has-text(\"Approval queue\")", "Approval queue"),
            Steps.Click($"tr:has-text(\"{report.Id}\") button:has-text(\"{verb}\")", verb),
            Steps.Finish(),
        };

        var seed = data.Seed;
        var form = decision == ExpenseStatus.Approved ? FormNames.ExpensesApprove : FormNames.ExpensesReject;
        return new DemoTask
        {
            Id = id,
            Site = SiteNames.Expenses,
            Objective = $"Sign in to the expenses app as manager {user} (password {password}), open the approval queue and " +
                        $"{verb.ToLowerInvariant()} expense report {report.Id} from {report.EmployeeName} ({report.Merchant}, " +
                        $"{amountText} {report.Currency}). Do not approve or reject any other report.",
            StartUrl = new Uri(baseUrl, "expenses/login").AbsoluteUri,
            Parameters = Parameters(seed, user, password, ("report", report.Id), ("employee", report.EmployeeName),
                ("merchant", report.Merchant), ("amount", amountText), ("decision", decision.ToString())),
            Script = script,
            Check = state =>
            {
                var e = new Expectations(state, seed);
                var r = state.ExpenseReports.FirstOrDefault(x => x.Id == report.Id);
                e.Expect(r is not null && r.Status == decision && r.DecidedBy == user,
                    $"report {report.Id} is {r?.Status.ToString() ?? "missing"}{(r?.DecidedBy is null ? "" : " by " + r.DecidedBy)}, expected {decision} by {user}");
                var decisions = state.Approvals.Count(a => a.ReportId == report.Id);
                e.Expect(decisions == 1, $"report {report.Id} was decided {decisions} times, expected once");
                // No other report decided either way, except the sibling task's own decision (the approve and reject
                // tasks of one seed name different reports, so both can run at once on one reset).
                var wrong = state.Approvals.Where(a => a.ReportId != report.Id && !(a.ReportId == siblingReport && a.Decision == siblingDecision))
                    .Select(a => $"{a.ReportId} {a.Decision.ToString().ToLowerInvariant()}").ToList();
                e.Expect(wrong.Count == 0, $"other reports were decided too: {string.Join(", ", wrong)}");
                e.Expect(state.SubmissionCount(form) == 1, $"{form} was submitted {state.SubmissionCount(form)} times, expected once");
                return e.Result($"Report {report.Id} was {decision.ToString().ToLowerInvariant()} by {user}, and no other report was.");
            },
        };
    }

    private static Dictionary<string, string> Parameters(int seed, string user, string password, params (string Key, string Value)[] values)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["username"] = user,
            ["password"] = password,
        };
        foreach (var (key, value) in values)
        {
            parameters[key] = value;
        }

        return parameters;
    }
}
