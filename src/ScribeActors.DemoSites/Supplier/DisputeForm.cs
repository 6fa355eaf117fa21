using ScribeActors.DemoSites.Layout;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Web;

namespace ScribeActors.DemoSites.Supplier;

/// <summary>The dispute form's values and their server-side validation.</summary>
internal sealed record DisputeForm(string Reason, string Amount, string Description, bool Confirm)
{
    public const int MinDescription = 15;
    public const int MaxDescription = 1000;

    public static DisputeForm Empty { get; } = new("", "", "", false);

    public static DisputeForm From(FormPost post) => new(post["reason"], post["amount"], post["description"], post.Checked("confirm"));

    /// <summary>Field name → message for every invalid field, in form order; empty when the form is valid.</summary>
    public Dictionary<string, string> Validate(Invoice invoice, out decimal amount)
    {
        var errors = new Dictionary<string, string>();
        amount = 0;
        if (DemoCatalogs.LabelOf(DemoCatalogs.DisputeReasons, Reason) is null)
        {
            errors["reason"] = "Choose a reason for the dispute.";
        }

        if (Amount.Length == 0)
        {
            errors["amount"] = "Enter the disputed amount.";
        }
        else if (!Amounts.TryParse(Amount, out amount))
        {
            errors["amount"] = "Enter the amount as a number, for example 120.50.";
        }
        else if (amount <= 0)
        {
            errors["amount"] = "The disputed amount must be greater than zero.";
        }
        else if (!Amounts.HasCents(amount))
        {
            errors["amount"] = "Use at most two decimal places.";
        }
        else if (amount > invoice.Amount)
        {
            errors["amount"] = $"The disputed amount cannot exceed the invoice total of {Html.Money(invoice.Amount, invoice.Currency)}.";
        }

        if (Description.Length == 0)
        {
            errors["description"] = "Describe the problem.";
        }
        else if (Description.Length < MinDescription)
        {
            errors["description"] = $"The description must be at least {MinDescription} characters.";
        }
        else if (Description.Length > MaxDescription)
        {
            errors["description"] = $"The description must be at most {MaxDescription} characters.";
        }

        if (!Confirm)
        {
            errors["confirm"] = "Tick the box to confirm that the information is correct.";
        }

        return errors;
    }
}
