using System.Globalization;
using System.Text;
using ScribeActors.Abstractions;

namespace ScribeActors.Agent;

public static partial class TargetLocator
{
    private static readonly HashSet<string> TextIdentifiesTags =
        new(StringComparer.Ordinal) { "a", "button", "option", "label", "summary", "legend", "h1", "h2", "h3", "h4", "h5", "h6", "th" };

    private static readonly HashSet<string> TextIdentifiesRoles =
        new(StringComparer.Ordinal) { "button", "link", "tab", "menuitem", "option", "checkbox", "radio", "switch", "treeitem" };

    private static readonly HashSet<string> ValueIdentifiesInputTypes =
        new(StringComparer.OrdinalIgnoreCase) { "submit", "button", "reset", "checkbox", "radio" };

    // Attributes that name an element (with its text, label, aria-labelledby and icon): when none is recorded, the
    // element's classes are its identity.
    private static readonly string[] NamingAttributes = ["name", "data-testid", "aria-label", "placeholder", "title", "alt", "href"];

    private enum FieldKind
    {
        Exact,
        Text,
        Href,
    }

    private sealed record Field(string Name, string Value, string Fold, double Weight, bool Strong, FieldKind Kind);

    /// <summary>The recorded signature, prepared once per locate.</summary>
    private sealed class Wanted
    {
        public Wanted(TargetSignature signature)
        {
            Tag = signature.Tag.Trim().ToLowerInvariant();
            Text = TextNormalizer.Collapse(signature.Text);
            TextFold = TextNormalizer.Fold(Text);
            Label = NonBlank(signature.Label);
            LabelFold = TextNormalizer.Fold(Label);
            LabelledBy = NonBlank(signature.LabelledBy);
            LabelledByFold = TextNormalizer.Fold(LabelledBy);
            Position = Math.Max(0, signature.Position);
            SameTagCount = Math.Max(0, signature.SameTagCount);
            Attributes = (signature.Attributes ?? [])
                .Where(p => !string.IsNullOrWhiteSpace(p.Value))
                .GroupBy(p => p.Key.Trim().ToLowerInvariant(), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
            Classes = ClassTokens.Stable(string.Join(' ', signature.Classes ?? []));
            Icons = [.. (signature.Icons ?? []).Select(i => i.StartsWith(IconHints.ShapePrefix, StringComparison.Ordinal) ? i.Trim() : IconHints.Normalize(i)).OfType<string>().Distinct(StringComparer.Ordinal)];
            Cell = signature.Cell is >= 0 ? signature.Cell : null;
            RowIndex = signature.RowIndex is >= 0 ? signature.RowIndex : null;
            Wordless = TextNormalizer.IsWordless(Text);

            // Identical controls repeated per row differ only by their row: its identifying tokens (those with a
            // digit: ids, amounts, dates) must all be in the candidate's row.
            Context = NonBlank(signature.Context);
            ContextTokens = Context is null ? [] : [.. TextNormalizer.Fold(Context).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => t.Any(char.IsDigit)).Distinct(StringComparer.Ordinal)];

            Attributes.TryGetValue("role", out var role);
            Attributes.TryGetValue("type", out var type);
            TextIdentifies = TextIdentifiesTags.Contains(Tag) || (role is not null && TextIdentifiesRoles.Contains(role.Trim().ToLowerInvariant()));
            var valueIdentifies = Tag is "button" or "option" || (Tag == "input" && type is not null && ValueIdentifiesInputTypes.Contains(type.Trim()));

            var fields = new List<Field>();
            void Add(string name, double weight, bool strong, FieldKind kind)
            {
                if (Attributes.TryGetValue(name, out var value))
                {
                    fields.Add(new Field(name, value, TextNormalizer.Fold(value), weight, strong, kind));
                }
            }

            // An icon-only element's title and alt are its name, as a button's text is.
            Add("name", 3, true, FieldKind.Exact);
            Add("data-testid", 3, true, FieldKind.Exact);
            Add("aria-label", 2.5, true, FieldKind.Text);
            Add("placeholder", 2, true, FieldKind.Text);
            Add("href", 2, false, FieldKind.Href);
            Add("title", 1.5, Wordless, FieldKind.Text);
            Add("alt", 1.5, Wordless, FieldKind.Text);
            Add("role", 1, false, FieldKind.Exact);
            Add("type", 1, false, FieldKind.Exact);
            if (valueIdentifies)
            {
                Add("value", 2.5, true, FieldKind.Text);
            }

            Fields = fields;
            WeakFields = [.. new[] { "id", "for" }.Where(Attributes.ContainsKey).Select(n => (n, Attributes[n]))];
            HasName = !Wordless || Label is not null || LabelledBy is not null || Icons.Count > 0
                || NamingAttributes.Any(Attributes.ContainsKey) || (valueIdentifies && Attributes.ContainsKey("value"));
            StableEvidence = fields.Count + (Label is null ? 0 : 1) + (LabelledBy is null ? 0 : 1) + (Text.Length == 0 ? 0 : 1)
                + (Classes.Count == 0 ? 0 : 1) + (Icons.Count == 0 ? 0 : 1);
        }

        public string Tag { get; }

        public string Text { get; }

        public string TextFold { get; }

        public string? Label { get; }

        public string LabelFold { get; }

        public string? LabelledBy { get; }

        public string LabelledByFold { get; }

        public int Position { get; }

        public int SameTagCount { get; }

        public Dictionary<string, string> Attributes { get; }

        public IReadOnlyList<string> Classes { get; }

        public IReadOnlyList<string> Icons { get; }

        public int? Cell { get; }

        public string? Context { get; }

        public IReadOnlyList<string> ContextTokens { get; }

        public int? RowIndex { get; }

        /// <summary>The recorded text names nothing (an icon-only control).</summary>
        public bool Wordless { get; }

        public bool TextIdentifies { get; }

        /// <summary>Something besides classes names the element.</summary>
        public bool HasName { get; }

        public List<Field> Fields { get; }

        public List<(string Name, string Value)> WeakFields { get; }

        public int StableEvidence { get; }

        public string Describe()
        {
            var sb = new StringBuilder($"<{Tag}>");
            var parts = new List<string>();
            if (Text.Length > 0)
            {
                parts.Add($"text \"{TextNormalizer.Preview(Text)}\"");
            }

            if (Label is not null)
            {
                parts.Add($"label \"{TextNormalizer.Preview(Label)}\"");
            }

            if (LabelledBy is not null)
            {
                parts.Add($"aria-labelledby text \"{TextNormalizer.Preview(LabelledBy)}\"");
            }

            if (Icons.Count > 0)
            {
                parts.Add($"icon \"{string.Join(" / ", Icons)}\"");
            }

            if (Classes.Count > 0)
            {
                parts.Add($"class \"{string.Join(' ', Classes)}\"");
            }

            parts.AddRange(Attributes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}=\"{TextNormalizer.Preview(p.Value)}\""));
            if (parts.Count > 0)
            {
                sb.Append(" with ").AppendJoin(", ", parts);
            }

            sb.Append(CultureInfo.InvariantCulture, $" at position {Position + 1} of {SameTagCount}");
            if (RowIndex is { } index)
            {
                sb.Append(CultureInfo.InvariantCulture, $", {Ordinal(index + 1)} <{Tag}> of its row");
                if (Cell is { } cell)
                {
                    sb.Append(CultureInfo.InvariantCulture, $" in cell {cell + 1}");
                }
            }

            return sb.ToString();
        }

        private static string? NonBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : TextNormalizer.Collapse(text);
    }

    private static string Ordinal(int n) => n.ToString(CultureInfo.InvariantCulture) + ((n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch
    {
        1 => "st",
        2 => "nd",
        3 => "rd",
        _ => "th",
    });
}
