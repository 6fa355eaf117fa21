using System.Text;
using AngleSharp.Dom;

namespace ScribeActors.Agent.Pruning;

public static partial class HtmlPruner
{
    /// <summary>The longest name <see cref="PrunedHtml.NameOf"/> gives; a longer text is cut one character past it, so a
    /// name longer than this says "longer than any Description quotes".</summary>
    public const int MaxNameLength = 100;

    /// <summary>How far up a wrapper with the same name as a clickable element is looked for.</summary>
    private const int MaxWrapperDepth = 6;

    /// <summary>Elements visited at most for one name (a container's text is gathered until the name is long enough).</summary>
    private const int MaxNameNodes = 256;

    /// <summary>
    /// The name a step's Description quotes for a click on <paramref name="element"/> (<c>Click "Sign in"</c>), as a person
    /// reads it: <c>aria-label</c>; for a button-like input its value, an image input's <c>alt</c>; for another form field
    /// the text of its labels; an image's <c>alt</c>; otherwise the element's text (scripts and styles left out); then
    /// <c>title</c>. White space collapsed; <see langword="null"/> when there is none.
    /// </summary>
    internal static string? NameOf(string tag, IElement element, LabelIndex labels)
    {
        if (Collapse(element.GetAttribute("aria-label")) is { } label)
        {
            return label;
        }

        string? name = tag switch
        {
            "input" => InputType(element) switch
            {
                "submit" or "button" or "reset" => Collapse(element.GetAttribute("value")) ?? (InputType(element) == "submit" ? "Submit" : null),
                "image" => Collapse(element.GetAttribute("alt")),
                _ => LabelText(element, labels),
            },
            "select" or "textarea" => LabelText(element, labels),
            "img" => Collapse(element.GetAttribute("alt")),
            _ => BoundedText(element),
        };

        return name ?? Collapse(element.GetAttribute("title"));
    }

    /// <summary>An element made to be clicked: a link, a button, a form field, a summary, a label, or one given a role,
    /// a tab stop or a click handler.</summary>
    internal static bool IsInteractive(string tag, IElement element) =>
        tag is "a" or "button" or "input" or "select" or "textarea" or "summary" or "label"
        || element.HasAttribute("role") || element.HasAttribute("tabindex") || element.HasAttribute("onclick");

    /// <summary>Where an element made to be clicked shares its name with plain ones (the "Sign in" heading above the
    /// "Sign in" button), the plain ones are not clicked by that name: their click is taken away.</summary>
    private static void DropPlainNamesakes(IEnumerable<(int Index, string Name, bool Interactive)> named, SourceTags sources)
    {
        foreach (var group in named.GroupBy(n => n.Name, StringComparer.Ordinal))
        {
            if (group.Any(n => n.Interactive))
            {
                foreach (var plain in group.Where(n => !n.Interactive))
                {
                    sources.DropClick(plain.Index);
                }
            }
        }
    }

    /// <summary>How far up the row of a look-alike is looked for.</summary>
    private const int MaxRowDepth = 8;

    /// <summary>The longest row text kept (a row is read for the words that tell it apart).</summary>
    private const int MaxRowLength = 300;

    /// <summary>For elements made to be clicked that share their name with others (the Approve button of every row),
    /// keeps the text of the table row, list item or article around each: what tells them apart.</summary>
    private static void KeepRowsOfLookAlikes(Dictionary<IElement, (int Index, string Name, bool Interactive)> named, SourceTags sources)
    {
        var rows = new Dictionary<IElement, string?>();
        foreach (var group in named.Where(n => n.Value.Interactive).GroupBy(n => n.Value.Name, StringComparer.Ordinal))
        {
            if (group.Skip(1).Any())
            {
                foreach (var (element, (index, _, _)) in group)
                {
                    if (RowOf(element) is { } row)
                    {
                        if (!rows.TryGetValue(row, out var text))
                        {
                            rows[row] = text = BoundedText(row, MaxRowLength);
                        }

                        if (text is not null)
                        {
                            sources.SetRow(index, text);
                        }
                    }
                }
            }
        }
    }

    private static IElement? RowOf(IElement element)
    {
        var parent = element.ParentElement;
        for (var up = 0; parent is not null && up < MaxRowDepth; up++, parent = parent.ParentElement)
        {
            if (parent.LocalName is "tr" or "li" or "article" || parent.GetAttribute("role") is "row" or "listitem" or "article")
            {
                return parent;
            }
        }

        return null;
    }

    /// <summary>The text of the field's label: the first <c>label for=</c> its id, else the label around it.</summary>
    private static string? LabelText(IElement field, LabelIndex labels)
    {
        var label = field.Id is { Length: > 0 } id ? labels.For(id) : null;
        for (var parent = field.ParentElement; label is null && parent is not null; parent = parent.ParentElement)
        {
            label = parent.LocalName == "label" ? parent : null;
        }

        return label is null ? null : BoundedText(label);
    }

    /// <summary>The document's <c>label for=</c> elements by the id they name, gathered on the first question.</summary>
    internal sealed class LabelIndex(IDocument document)
    {
        private Dictionary<string, IElement>? _byFor;

        public IElement? For(string id)
        {
            if (_byFor is null)
            {
                _byFor = new Dictionary<string, IElement>(StringComparer.Ordinal);
                foreach (var label in document.QuerySelectorAll("label[for]"))
                {
                    _byFor.TryAdd(label.GetAttribute("for")!, label);
                }
            }

            return _byFor.GetValueOrDefault(id);
        }
    }

    /// <summary>The element's text, white space collapsed, cut at <see cref="MaxNameLength"/> + 1 characters.</summary>
    private static string? BoundedText(IElement element, int maxLength = MaxNameLength)
    {
        var text = new StringBuilder();
        var stack = new Stack<INode>();
        stack.Push(element);
        var visited = 0;
        while (stack.Count > 0 && text.Length <= maxLength && visited++ < MaxNameNodes)
        {
            var node = stack.Pop();
            if (node is IText t)
            {
                text.Append(t.Data).Append(' ');
                continue;
            }

            if (node is IElement e && (e.LocalName is "script" or "style" or "template" || (e != element && IsHidden(e.LocalName, e))))
            {
                continue;
            }

            var children = node.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }

        // Stopped before the end: more text than a name holds (or too many elements to tell), so longer than any.
        var collapsed = Collapse(text.ToString());
        return stack.Count == 0 ? Cut(collapsed, maxLength) : (Cut(collapsed, maxLength) ?? "").PadRight(maxLength + 1, '…');
    }

    private static string? Cut(string? text, int maxLength) => text is not null && text.Length > maxLength + 1 ? text[..(maxLength + 1)] : text;

    private static string? Collapse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
