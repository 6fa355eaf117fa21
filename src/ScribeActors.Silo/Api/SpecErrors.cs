using System.Text.RegularExpressions;

namespace ScribeActors.Silo.Api;

/// <summary>Turns validation messages that start with the field they are about (<c>StartUrl '…' is not an absolute
/// URL.</c>, <c>StepSource.Model.ModelId is empty.</c>) into problem-details errors keyed by the JSON path of that field
/// (<c>startUrl</c>, <c>stepSource.model.modelId</c>).</summary>
public static partial class SpecErrors
{
    /// <summary>Groups <paramref name="messages"/> about a <typeparamref name="T"/> by field; <paramref name="prefix"/> is
    /// prepended to every key (for a spec nested in another body); messages that name no property of
    /// <typeparamref name="T"/> are keyed by <paramref name="prefix"/> (or <c>$</c>, the whole body).</summary>
    public static Dictionary<string, string[]> ByField<T>(IEnumerable<string> messages, string prefix = "") =>
        messages
            .GroupBy(m => FieldOf<T>(m, prefix) ?? (prefix.Length == 0 ? "$" : prefix), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <summary>The camel-cased path of the <typeparamref name="T"/> property a message starts with, or null.</summary>
    public static string? FieldOf<T>(string message, string prefix = "")
    {
        var match = LeadingField().Match(message);
        if (!match.Success)
        {
            return null;
        }

        var segments = match.Value.Split('.');
        if (typeof(T).GetProperty(segments[0]) is null)
        {
            return null;
        }

        var path = string.Join('.', segments.Select(s => char.ToLowerInvariant(s[0]) + s[1..]));
        return prefix.Length == 0 ? path : $"{prefix}.{path}";
    }

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)*(?=[ .:])")]
    private static partial Regex LeadingField();
}
