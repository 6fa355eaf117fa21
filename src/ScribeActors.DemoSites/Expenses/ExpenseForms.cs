using System.Globalization;
using ScribeActors.DemoSites.Layout;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Web;

namespace ScribeActors.DemoSites.Expenses;

/// <summary>Step 1 of the expense form: values and validation.</summary>
internal sealed record BasicsForm(string Date, string Category, string Amount, string Merchant)
{
    public const decimal MaxAmount = 5000m;
    public static readonly DateOnly Earliest = new(2024, 1, 1);
    public static readonly DateOnly Latest = new(2026, 12, 31);

    public static BasicsForm Empty { get; } = new("", "", "", "");

    public static BasicsForm From(FormPost post) => new(post["date"], post["category"], post["amount"], post["merchant"]);

    public static BasicsForm From(ExpenseReport r) => new(Html.IsoDate(r.Date),
        DemoCatalogs.ExpenseCategories.FirstOrDefault(c => c.Label == r.Category).Value ?? "", Amounts.Plain(r.Amount), r.Merchant);

    /// <summary>Field name → message for every invalid field; empty when valid.</summary>
    public Dictionary<string, string> Validate(out DateOnly date, out string categoryLabel, out decimal amount)
    {
        var errors = new Dictionary<string, string>();
        date = default;
        amount = 0;
        if (Date.Length == 0)
        {
            errors["date"] = "Enter the date of the expense.";
        }
        else if (!DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            errors["date"] = "Enter the date as YYYY-MM-DD.";
        }
        else if (date < Earliest || date > Latest)
        {
            errors["date"] = $"Expenses must be dated between {Html.Date(Earliest)} and {Html.Date(Latest)}.";
        }

        categoryLabel = DemoCatalogs.LabelOf(DemoCatalogs.ExpenseCategories, Category) ?? "";
        if (categoryLabel.Length == 0)
        {
            errors["category"] = "Choose a category.";
        }

        if (Amount.Length == 0)
        {
            errors["amount"] = "Enter the amount.";
        }
        else if (!Amounts.TryParse(Amount, out amount))
        {
            errors["amount"] = "Enter the amount as a number, for example 42.50.";
        }
        else if (amount <= 0)
        {
            errors["amount"] = "The amount must be greater than zero.";
        }
        else if (!Amounts.HasCents(amount))
        {
            errors["amount"] = "Use at most two decimal places.";
        }
        else if (amount > MaxAmount)
        {
            errors["amount"] = $"Amounts over {Html.Money(MaxAmount, DemoData.Currency)} need a purchase order instead of an expense report.";
        }

        if (Merchant.Length == 0)
        {
            errors["merchant"] = "Enter the merchant.";
        }
        else if (Merchant.Length > 80)
        {
            errors["merchant"] = "The merchant name must be at most 80 characters.";
        }

        return errors;
    }
}

/// <summary>Step 2 of the expense form: values and validation.</summary>
internal sealed record DetailsForm(string Description, bool Receipt, string Project)
{
    public const decimal ReceiptThreshold = 25m;
    public const int MinDescription = 10;
    public const int MaxDescription = 500;

    public static DetailsForm From(FormPost post) => new(post["description"], post.Checked("receipt"), post["project"]);

    public static DetailsForm From(ExpenseReport r) => new(r.Description, r.ReceiptAttached, r.Project);

    /// <summary>Field name → message for every invalid field; empty when valid.</summary>
    public Dictionary<string, string> Validate(decimal amount)
    {
        var errors = new Dictionary<string, string>();
        if (Description.Length == 0)
        {
            errors["description"] = "Describe the business purpose.";
        }
        else if (Description.Length < MinDescription)
        {
            errors["description"] = $"The business purpose must be at least {MinDescription} characters.";
        }
        else if (Description.Length > MaxDescription)
        {
            errors["description"] = $"The business purpose must be at most {MaxDescription} characters.";
        }

        if (!Receipt && amount > ReceiptThreshold)
        {
            errors["receipt"] = $"Expenses over {Html.Money(ReceiptThreshold, DemoData.Currency)} need a receipt: attach it and tick the box.";
        }

        if (DemoCatalogs.LabelOf(DemoCatalogs.Projects, Project) is null)
        {
            errors["project"] = "Choose a project.";
        }

        return errors;
    }
}
