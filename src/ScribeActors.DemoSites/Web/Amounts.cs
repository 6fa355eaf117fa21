using System.Globalization;

namespace ScribeActors.DemoSites.Web;

/// <summary>Parses money typed into a form: digits with an optional decimal point (<c>120.50</c>); no thousands
/// separators, so <c>120,50</c> is refused instead of being read as 12050.</summary>
internal static class Amounts
{
    public static bool TryParse(string text, out decimal amount) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
            CultureInfo.InvariantCulture, out amount);

    /// <summary>Whether <paramref name="amount"/> has at most two decimal places.</summary>
    public static bool HasCents(decimal amount) => decimal.Round(amount, 2) == amount;

    /// <summary>The invariant form an amount is typed in: <c>1234.50</c>.</summary>
    public static string Plain(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
