using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ScribeActors.DemoSites.Layout;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Web;

namespace ScribeActors.DemoSites.Expenses;

/// <summary>
/// Expenses app: the three-step expense form (expense → details → review), the confirmation and the report view.
/// The draft lives on the server, so every step can be reloaded; once a report is submitted, its steps lead to its
/// confirmation instead of a form, so a repeated or replayed step never submits it twice.
/// </summary>
internal static class ExpensesReportEndpoints
{
    private const string Site = ExpensesChrome.Site;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/new", BasicsPage);
        group.MapPost("/new", SaveBasicsAsync);
        group.MapGet("/reports/{id}/details", DetailsPage);
        group.MapPost("/reports/{id}/details", SaveDetailsAsync);
        group.MapGet("/reports/{id}/review", ReviewPage);
        group.MapPost("/reports/{id}/review", SubmitAsync);
        group.MapGet("/reports/{id}/submitted", Submitted);
        group.MapGet("/reports/{id}", View);
    }

    private static IResult BasicsPage(HttpContext context, DemoStore store)
    {
        var user = SiteSessions.Current(context, store, Site);
        if (user is null)
        {
            return SiteSessions.RedirectToLogin(context, Site);
        }

        var draft = store.OpenDraft(user.Username);
        return RenderBasics(context, store.Layout, user, draft is null ? BasicsForm.Empty : BasicsForm.From(draft), new Dictionary<string, string>());
    }

    private static async Task<IResult> SaveBasicsAsync(HttpContext context, DemoStore store)
    {
        var user = SiteSessions.Current(context, store, Site);
        if (user is null)
        {
            return SiteSessions.RedirectToLogin(context, Site);
        }

        var post = await FormPost.ReadAsync(context);
        if (post is null)
        {
            return FormPost.NotAForm();
        }

        var form = BasicsForm.From(post);
        var errors = form.Validate(out var date, out var category, out var amount);
        if (errors.Count > 0)
        {
            store.RecordFailure(FormNames.ExpensesBasics);
            return RenderBasics(context, store.Layout, user, form, errors);
        }

        var draft = store.SaveBasics(user, date, category, amount, form.Merchant);
        return Results.Redirect($"/expenses/reports/{draft.Id}/details");
    }

    private static IResult RenderBasics(HttpContext context, SiteLayout l, SignedInUser user, BasicsForm form, IReadOnlyDictionary<string, string> errors)
    {
        var fields = new[]
        {
            Fields.Input(l, "date", "Date of expense", form.Date, errors.GetValueOrDefault("date"), "date",
                $"min=\"{Html.IsoDate(BasicsForm.Earliest)}\" max=\"{Html.IsoDate(BasicsForm.Latest)}\""),
            Fields.Select(l, "category", "Category", DemoCatalogs.ExpenseCategories, form.Category, errors.GetValueOrDefault("category"), "Choose a category"),
            Fields.Input(l, "amount", $"Amount ({DemoData.Currency})", form.Amount, errors.GetValueOrDefault("amount"),
                extraAttributes: "inputmode=\"decimal\" placeholder=\"0.00\""),
            Fields.Input(l, "merchant", "Merchant", form.Merchant, errors.GetValueOrDefault("merchant"), extraAttributes: "maxlength=\"80\""),
        };
        var body = StepCard(l, 1, "New expense report", errors, "/expenses/new",
            string.Concat(l.Order("expenses:basics-fields", fields)), "<a href=\"/expenses\">Cancel</a>");
        return PageResults.Page(context, l, ExpensesChrome.For(user), "New expense report", body);
    }

    private static IResult DetailsPage(HttpContext context, DemoStore store, string id)
    {
        var (user, report, redirect) = OwnDraft(context, store, id);
        return redirect ?? RenderDetails(context, store.Layout, user!, report!, DetailsForm.From(report!), new Dictionary<string, string>());
    }

    private static async Task<IResult> SaveDetailsAsync(HttpContext context, DemoStore store, string id)
    {
        var (user, report, redirect) = OwnDraft(context, store, id);
        if (redirect is not null)
        {
            return redirect;
        }

        var post = await FormPost.ReadAsync(context);
        if (post is null)
        {
            return FormPost.NotAForm();
        }

        var form = DetailsForm.From(post);
        var errors = form.Validate(report!.Amount);
        if (errors.Count > 0)
        {
            store.RecordFailure(FormNames.ExpensesDetails);
            return RenderDetails(context, store.Layout, user!, report, form, errors);
        }

        return store.SaveDetails(report.Id, user!.Username, form.Description, form.Receipt, form.Project) is null
            ? Results.Redirect($"/expenses/reports/{report.Id}/submitted")
            : Results.Redirect($"/expenses/reports/{report.Id}/review");
    }

    private static IResult RenderDetails(HttpContext context, SiteLayout l, SignedInUser user, ExpenseReport report, DetailsForm form,
        IReadOnlyDictionary<string, string> errors)
    {
        var fields = new[]
        {
            Fields.TextArea(l, "description", "Business purpose", form.Description, errors.GetValueOrDefault("description"),
                $"maxlength=\"{DetailsForm.MaxDescription}\" placeholder=\"Why was this expense necessary?\""),
            Fields.Select(l, "project", "Project", DemoCatalogs.Projects, form.Project, errors.GetValueOrDefault("project"), "Choose a project"),
            Fields.Checkbox(l, "receipt", "Receipt attached", form.Receipt, errors.GetValueOrDefault("receipt")),
        };
        var intro = $"<p class=\"{l.Cls("muted")}\">{report.Id} · {Html.E(report.Category)} · {Html.E(report.Merchant)} · " +
                    $"{Html.Money(report.Amount, report.Currency)}</p>";
        var body = StepCard(l, 2, "Expense details", errors, $"/expenses/reports/{report.Id}/details",
            intro + string.Concat(l.Order("expenses:details-fields", fields)), "<a href=\"/expenses/new\">Back</a>");
        return PageResults.Page(context, l, ExpensesChrome.For(user), "Expense details", body);
    }

    private static IResult ReviewPage(HttpContext context, DemoStore store, string id)
    {
        var (user, report, redirect) = OwnDraft(context, store, id);
        if (redirect is not null)
        {
            return redirect;
        }

        if (!report!.DetailsCompleted)
        {
            return Results.Redirect($"/expenses/reports/{report.Id}/details");
        }

        var l = store.Layout;
        var body = StepCard(l, 3, "Review and submit", new Dictionary<string, string>(), $"/expenses/reports/{report.Id}/review",
            Summary(l, report), $"<a href=\"/expenses/reports/{report.Id}/details\">Back</a>", "Submit report");
        return PageResults.Page(context, l, ExpensesChrome.For(user!), "Review expense report", body);
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, DemoStore store, string id)
    {
        var user = SiteSessions.Current(context, store, Site);
        if (user is null)
        {
            return SiteSessions.RedirectToLogin(context, Site);
        }

        if (await FormPost.ReadAsync(context) is null)
        {
            return FormPost.NotAForm();
        }

        var (report, _) = store.Submit(id, user.Username);
        if (report is null)
        {
            return PageResults.NotFound(context, store.Layout, ExpensesChrome.For(user), $"You have no expense report {id}.");
        }

        return report.Status == ExpenseStatus.Draft
            ? Results.Redirect($"/expenses/reports/{report.Id}/details")
            : Results.Redirect($"/expenses/reports/{report.Id}/submitted");
    }

    private static IResult Submitted(HttpContext context, DemoStore store, string id)
    {
        var (user, report, error) = OwnReport(context, store, id);
        if (error is not null)
        {
            return error;
        }

        if (report!.Status == ExpenseStatus.Draft)
        {
            return Results.Redirect($"/expenses/reports/{report.Id}/review");
        }

        var l = store.Layout;
        var body = $"<div class=\"{l.Cls("card")}\" id=\"{l.Id("submitted")}\">" +
                   $"<div class=\"{l.Cls("notice")}\" role=\"status\">Expense report <strong>{report.Id}</strong> was submitted for approval.</div>" +
                   $"<h1>Report {report.Id} submitted</h1>{Summary(l, report)}" +
                   $"<div class=\"{l.Cls("actions")}\"><a class=\"{l.Cls("btn")}\" href=\"/expenses\">Back to my reports</a></div></div>";
        return PageResults.Page(context, l, ExpensesChrome.For(user!), $"Report {report.Id} submitted", body);
    }

    private static IResult View(HttpContext context, DemoStore store, string id)
    {
        var (user, report, error) = OwnReport(context, store, id);
        if (error is not null)
        {
            return error;
        }

        if (report!.Status == ExpenseStatus.Draft)
        {
            return Results.Redirect("/expenses/new");
        }

        var l = store.Layout;
        var body = $"<div class=\"{l.Cls("card")}\" id=\"{l.Id("report")}\"><p><a href=\"/expenses\">← My reports</a></p>" +
                   $"<h1>Expense report {report.Id}</h1>{Summary(l, report)}</div>";
        return PageResults.Page(context, l, ExpensesChrome.For(user!), $"Report {report.Id}", body);
    }

    /// <summary>The definition list of a report's fields.</summary>
    public static string Summary(SiteLayout l, ExpenseReport r)
    {
        var project = DemoCatalogs.LabelOf(DemoCatalogs.Projects, r.Project) ?? r.Project;
        var status = r.Status switch
        {
            ExpenseStatus.Pending => "Pending approval",
            ExpenseStatus.Approved or ExpenseStatus.Rejected => $"{r.Status} by {r.DecidedBy}",
            _ => "Draft",
        };
        return $"<dl class=\"{l.Cls("summary")}\"><dt>Report</dt><dd>{r.Id}</dd><dt>Employee</dt><dd>{Html.E(r.EmployeeName)}</dd>" +
               $"<dt>Date</dt><dd>{Html.Date(r.Date)}</dd><dt>Category</dt><dd>{Html.E(r.Category)}</dd>" +
               $"<dt>Amount</dt><dd>{Html.Money(r.Amount, r.Currency)}</dd><dt>Merchant</dt><dd>{Html.E(r.Merchant)}</dd>" +
               $"<dt>Business purpose</dt><dd>{Html.E(r.Description)}</dd><dt>Receipt</dt><dd>{(r.ReceiptAttached ? "Attached" : "None")}</dd>" +
               $"<dt>Project</dt><dd>{Html.E(project)}</dd><dt>Status</dt><dd>{status}</dd></dl>";
    }

    private static string StepCard(SiteLayout l, int step, string title, IReadOnlyDictionary<string, string> errors, string action,
        string content, string secondaryLink, string submitText = "Next")
    {
        var buttons = new List<string> { $"<button type=\"submit\" class=\"{l.Cls("btn", "btn-primary")}\">{submitText}</button>" };
        if (step < 3 && l.Has("expenses:save-draft"))
        {
            buttons.Add($"<button type=\"button\" class=\"{l.Cls("btn")}\" title=\"Drafts are saved automatically\">Save draft</button>");
        }

        return new StringBuilder($"<div class=\"{l.Cls("card")}\" id=\"{l.Id("step-" + step)}\"><h1>{Html.E(title)}</h1>")
            .Append(ExpensesChrome.Steps(l, step)).Append(Fields.ErrorSummary(l, errors))
            .Append($"<form method=\"post\" action=\"{action}\" id=\"{l.Id("form-step-" + step)}\" novalidate>").Append(content)
            .Append($"<div class=\"{l.Cls("actions")}\">").AppendJoin("", l.Order("expenses:step-buttons", buttons))
            .Append(secondaryLink).Append("</div></form></div>").ToString();
    }

    /// <summary>The signed-in user's report <paramref name="id"/>, or the response to send instead.</summary>
    private static (SignedInUser? User, ExpenseReport? Report, IResult? Error) OwnReport(HttpContext context, DemoStore store, string id)
    {
        var user = SiteSessions.Current(context, store, Site);
        if (user is null)
        {
            return (null, null, SiteSessions.RedirectToLogin(context, Site));
        }

        var report = store.FindReport(id);
        return report is null || report.Employee != user.Username
            ? (user, null, PageResults.NotFound(context, store.Layout, ExpensesChrome.For(user), $"You have no expense report {id}."))
            : (user, report, null);
    }

    /// <summary>Like <see cref="OwnReport"/>, but a report that is no longer a draft redirects to its confirmation.</summary>
    private static (SignedInUser? User, ExpenseReport? Report, IResult? Redirect) OwnDraft(HttpContext context, DemoStore store, string id)
    {
        var (user, report, error) = OwnReport(context, store, id);
        if (error is not null)
        {
            return (user, report, error);
        }

        return report!.Status == ExpenseStatus.Draft
            ? (user, report, null)
            : (user, report, Results.Redirect($"/expenses/reports/{report.Id}/submitted"));
    }
}
