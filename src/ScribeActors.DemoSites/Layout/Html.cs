using System.Globalization;
using System.Net;

namespace ScribeActors.DemoSites.Layout;

/// <summary>HTML encoding and formatting helpers for the server-rendered pages.</summary>
internal static class Html
{
    /// <summary>Encodes text for an element body or a quoted attribute value.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>Formats an amount as <c>1,234.50</c>.</summary>
    public static string Money(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>Formats an amount with its currency, <c>1,234.50 EUR</c>.</summary>
    public static string Money(decimal amount, string currency) => $"{Money(amount)} {currency}";

    /// <summary>Formats a date as <c>14 Mar 2025</c>.</summary>
    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>Formats a date as <c>2025-03-14</c>, the value format of date inputs.</summary>
    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>URL-encodes a query value.</summary>
    public static string Q(string? value) => Uri.EscapeDataString(value ?? "");
}
