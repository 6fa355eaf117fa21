using System.Text;
using AngleSharp.Dom;

namespace ScribeActors.Agent;

/// <summary>Evidence beyond text and attributes: stable classes, the accessible name from <c>aria-labelledby</c>, and
/// icon hints.</summary>
public sealed partial class DomIndex
{
    // How far below an element its icon may sit, and how many elements are looked at, so reading one element's icon
    // costs a constant however large the element is.
    private const int IconDepth = 4;
    private const int IconBudget = 24;
    private const int MaxIcons = 6;

    private static readonly string[] ShapeAttributes = ["cx", "cy", "r", "rx", "ry", "x", "y", "width", "height", "x1", "y1", "x2", "y2"];

    private Dictionary<string, int>? _ordinalByHtmlId;

    /// <summary>The stable class tokens of the element at <paramref name="ordinal"/> (see <see cref="ClassTokens"/>).</summary>
    internal IReadOnlyList<string> ClassesAt(int ordinal) => ClassTokens.Stable(_elements[ordinal].GetAttribute("class"));

    /// <summary>The text of the elements the element's <c>aria-labelledby</c> names (their text, else their
    /// <c>aria-label</c>), joined by spaces and at most 200 characters; <see langword="null"/> when it names none
    /// that is on the page or they have no text.</summary>
    internal string? LabelledByAt(int ordinal)
    {
        var references = _elements[ordinal].GetAttribute("aria-labelledby");
        if (string.IsNullOrWhiteSpace(references))
        {
            return null;
        }

        var byId = Volatile.Read(ref _ordinalByHtmlId) ?? LazyInitializer.EnsureInitialized(ref _ordinalByHtmlId, IndexHtmlIds);
        var sb = new StringBuilder();
        foreach (var id in references.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (byId.TryGetValue(id, out var referenced))
            {
                var text = TextAt(referenced);
                sb.Append(' ').Append(text.Length > 0 ? text : _elements[referenced].GetAttribute("aria-label"));
            }
        }

        var name = TextNormalizer.Limit(TextNormalizer.Collapse(sb.ToString()), MaxTextLength);
        return name.Length == 0 ? null : name;
    }

    /// <summary>
    /// What the icon of the element at <paramref name="ordinal"/> says (see <see cref="IconHints"/>), at most 6 hints
    /// in document order: its own icon-font classes and icon-name attributes (<c>data-icon</c>, ...), the file name of
    /// its <c>src</c> when it is an image; and from the elements up to 4 levels below it (at most 24, not entering
    /// nested links, buttons or form controls) their icon-font classes and icon-name attributes, <c>&lt;use&gt;</c>
    /// references, image file names, and <c>title</c>, <c>aria-label</c> and <c>alt</c>; plus a fingerprint of the
    /// inline SVG geometry found there.
    /// </summary>
    internal IReadOnlyList<string> IconsAt(int ordinal)
    {
        var hints = new List<string>();

        var root = _elements[ordinal];
        var geometry = new List<string>();
        var stack = new Stack<(IElement Element, int Depth)>();
        var firstChildren = new List<IElement>();
        stack.Push((root, 0));
        var visited = 0;
        while (stack.Count > 0 && visited < IconBudget)
        {
            var (element, depth) = stack.Pop();
            visited++;
            var self = element == root;
            if (!self && element.LocalName is "a" or "button" or "input" or "select" or "textarea")
            {
                continue;
            }

            // One pass over the element's own attributes (most have none or a few).
            var tag = element.LocalName;
            foreach (var attribute in element.Attributes)
            {
                switch (attribute.Name)
                {
                    case "class":
                        foreach (var name in IconHints.FromClass(attribute.Value))
                        {
                            Add(hints, name);
                        }

                        break;
                    case "data-icon" or "data-feather" or "data-lucide" or "icon" or "svgicon" or "fonticon":
                    case "name" when tag is "ion-icon" or "sl-icon":
                    case "title" or "aria-label" or "alt" when !self:
                        Add(hints, IconHints.Normalize(attribute.Value));
                        break;
                    case "src" when tag == "img":
                    case "href" or "xlink:href" when tag == "use":
                        Add(hints, IconHints.FromReference(attribute.Value));
                        break;
                }
            }

            switch (tag)
            {
                case "path":
                    geometry.Add(element.GetAttribute("d") ?? "");
                    break;
                case "polygon" or "polyline":
                    geometry.Add(element.GetAttribute("points") ?? "");
                    break;
                case "circle" or "ellipse" or "rect" or "line":
                    geometry.Add(string.Join(',', ShapeAttributes.Select(a => element.GetAttribute(a) ?? "")));
                    break;
            }

            if (depth < IconDepth)
            {
                // Only the first few children can be visited within the budget.
                firstChildren.Clear();
                foreach (var node in element.ChildNodes)
                {
                    if (node is IElement child && firstChildren.Count < IconBudget)
                    {
                        firstChildren.Add(child);
                    }
                    else if (firstChildren.Count >= IconBudget)
                    {
                        break;
                    }
                }

                for (var i = firstChildren.Count - 1; i >= 0; i--)
                {
                    stack.Push((firstChildren[i], depth + 1));
                }
            }
        }

        if (geometry.Count > 0)
        {
            Add(hints, IconHints.Shape(geometry));
        }

        return hints;

        static void Add(List<string> hints, string? hint)
        {
            if (hint is not null && hints.Count < MaxIcons && !hints.Contains(hint, StringComparer.Ordinal))
            {
                hints.Add(hint);
            }
        }
    }

    private Dictionary<string, int> IndexHtmlIds()
    {
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _elements.Length; i++)
        {
            var id = _elements[i].GetAttribute("id");
            if (!string.IsNullOrEmpty(id))
            {
                byId.TryAdd(id, i);
            }
        }

        return byId;
    }
}
