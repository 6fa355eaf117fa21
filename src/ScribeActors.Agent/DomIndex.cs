using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ScribeActors.Abstractions;

namespace ScribeActors.Agent;

/// <summary>
/// An observed DOM (a serialised document in which every element carries <c>node="N"</c>), parsed once with AngleSharp
/// and indexed by node id.
/// </summary>
/// <remarks>
/// Only elements with a <c>node</c> attribute made of decimal digits are indexed; when two elements carry the same id
/// the first in document order wins. Document order is the order of the parsed tree, with open shadow roots
/// (declarative <c>&lt;template shadowrootmode&gt;</c>) before the host's light children and an iframe's inline
/// serialised document right after the iframe element. Instances are immutable and safe to share between threads.
/// </remarks>
public sealed partial class DomIndex
{
    /// <summary>Attributes copied into <see cref="TargetSignature.Attributes"/>.</summary>
    internal static readonly string[] SalientAttributes =
        ["id", "name", "type", "placeholder", "aria-label", "role", "href", "title", "alt", "value", "for", "data-testid"];

    /// <summary>Longest <see cref="TargetSignature.Text"/> and label text, in characters.</summary>
    internal const int MaxTextLength = 200;

    // Collapsed text is kept a little longer than MaxTextLength so that trimming one leading space never shortens it.
    private const int TextCap = MaxTextLength + 2;

    private readonly IDocument _document;
    private readonly IElement[] _elements;
    private readonly int[] _ids;
    private readonly Dictionary<int, int> _ordinalById;
    private readonly IElement?[] _labelAncestors;
    private readonly Dictionary<string, IElement> _labelsByFor;
    private readonly Dictionary<IElement, IDocument> _frames;
    private readonly Lazy<Analysis> _analysis;
    private readonly Dictionary<IElement, string> _labelTexts = [];
    private readonly Lock _labelLock = new();

    private DomIndex(
        IDocument document,
        IElement[] elements,
        int[] ids,
        Dictionary<int, int> ordinalById,
        IElement?[] labelAncestors,
        Dictionary<string, IElement> labelsByFor,
        Dictionary<IElement, IDocument> frames)
    {
        _document = document;
        _elements = elements;
        _ids = ids;
        _ordinalById = ordinalById;
        _labelAncestors = labelAncestors;
        _labelsByFor = labelsByFor;
        _frames = frames;
        _analysis = new Lazy<Analysis>(Analyse, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Parses <paramref name="dom"/> with the HTML5 rules of AngleSharp. Never throws on malformed markup:
    /// whatever the parser recovers is indexed, and markup without node ids gives an empty index.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="dom"/> is <see langword="null"/>.</exception>
    public static DomIndex Parse(string dom)
    {
        ArgumentNullException.ThrowIfNull(dom);
        var parser = new HtmlParser();
        var document = parser.ParseDocument(dom);

        var elements = new List<IElement>();
        var ids = new List<int>();
        var ordinalById = new Dictionary<int, int>();
        var labelAncestors = new List<IElement?>();
        var labelsByFor = new Dictionary<string, IElement>(StringComparer.Ordinal);
        var frames = new Dictionary<IElement, IDocument>();

        // Iterative pre-order walk (pages can nest thousands of levels deep); each entry carries the nearest <label> above it.
        var stack = new Stack<(INode Node, IElement? Label)>();
        stack.Push((document, null));
        var children = new List<INode>();
        while (stack.Count > 0)
        {
            var (node, label) = stack.Pop();
            var childLabel = label;
            if (node is IElement element)
            {
                if (TryReadNodeId(element, out var id) && ordinalById.TryAdd(id, elements.Count))
                {
                    elements.Add(element);
                    ids.Add(id);
                    labelAncestors.Add(label);
                }

                if (element.LocalName == "label")
                {
                    childLabel = element;
                    var forId = element.GetAttribute("for");
                    if (!string.IsNullOrEmpty(forId))
                    {
                        labelsByFor.TryAdd(forId, element);
                    }
                }

                if (IsFrame(element) && element.TextContent.Contains('<', StringComparison.Ordinal))
                {
                    frames[element] = parser.ParseDocument(element.TextContent);
                }
            }

            children.Clear();
            AddLogicalChildren(node, frames, children);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                if (children[i] is IElement or IDocument or IDocumentFragment)
                {
                    stack.Push((children[i], childLabel));
                }
            }
        }

        return new DomIndex(document, [.. elements], [.. ids], ordinalById, [.. labelAncestors], labelsByFor, frames);
    }

    /// <summary>How many elements carry a node id.</summary>
    public int Count => _elements.Length;

    /// <summary>The node ids, in document order.</summary>
    public IEnumerable<int> NodeIds => _ids;

    /// <summary>Whether an element with <paramref name="nodeId"/> exists.</summary>
    public bool Contains(int nodeId) => _ordinalById.ContainsKey(nodeId);

    /// <summary>The element with <paramref name="nodeId"/>, or <see langword="null"/> when there is none.</summary>
    public IElement? Find(int nodeId) => _ordinalById.TryGetValue(nodeId, out var ordinal) ? _elements[ordinal] : null;

    /// <summary>
    /// The element's opening tag only: lower-case tag and attribute names, attributes sorted by name (ordinal, <c>node</c>
    /// among them), values double-quoted with <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> and <c>"</c> escaped, and a plain
    /// <c>&gt;</c> at the end (also for void elements), for example <c>&lt;button aria-label="Save" node="0" type="submit"&gt;</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No element has <paramref name="nodeId"/>.</exception>
    public string OpeningTag(int nodeId) => RenderOpeningTag(_elements[OrdinalOf(nodeId)]);

    /// <summary>
    /// What the element looks like, for finding it again in another page: tag, salient attributes (id, name, type,
    /// placeholder, aria-label, role, href, title, alt, value, for, data-testid; non-blank values only), its text
    /// (<c>textContent</c> without script and style content, whitespace collapsed, at most 200 characters), the text of
    /// its label (a <c>label for</c> its id, else an enclosing <c>label</c>; controls inside the label contribute no text;
    /// at most 200 characters), its position among the indexed elements with the same tag, the text of its row
    /// (<see cref="TargetSignature.Context"/>), its stable classes (<see cref="ClassTokens"/>), the text its
    /// <c>aria-labelledby</c> names, its icon hints when its text names nothing (<see cref="IconHints"/>), and its place
    /// in its row (cell and index among the row's elements with its tag).
    /// </summary>
    /// <exception cref="ArgumentException">No element has <paramref name="nodeId"/>.</exception>
    public TargetSignature Signature(int nodeId)
    {
        var ordinal = OrdinalOf(nodeId);
        var element = _elements[ordinal];
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in SalientAttributes)
        {
            var value = element.GetAttribute(name);
            if (!string.IsNullOrWhiteSpace(value))
            {
                attributes[name] = value;
            }
        }

        var analysis = _analysis.Value;
        var text = TextAt(ordinal);
        var classes = ClassesAt(ordinal);
        var icons = TextNormalizer.IsWordless(text) ? IconsAt(ordinal) : [];
        var place = RowPlaceAt(ordinal);
        return new TargetSignature
        {
            Tag = TagOf(element),
            Attributes = attributes,
            Text = text,
            Label = LabelAt(ordinal),
            Position = analysis.SameTagPositions[ordinal],
            SameTagCount = analysis.OrdinalsByTag[TagOf(element)].Length,
            Context = ContextAt(ordinal),
            Classes = classes.Count == 0 ? null : [.. classes],
            LabelledBy = LabelledByAt(ordinal),
            Icons = icons.Count == 0 ? null : [.. icons],
            Cell = place?.Cell,
            RowIndex = place?.Index,
        };
    }

    /// <summary>Lower-case tag name of <paramref name="element"/>.</summary>
    internal static string TagOf(IElement element) => element.LocalName.ToLowerInvariant();

    /// <summary>The indexed element at <paramref name="ordinal"/> (its place in document order).</summary>
    internal IElement ElementAt(int ordinal) => _elements[ordinal];

    /// <summary>The node id of the indexed element at <paramref name="ordinal"/>.</summary>
    internal int IdAt(int ordinal) => _ids[ordinal];

    /// <summary>The ordinals of the indexed elements with <paramref name="tag"/>, in document order.</summary>
    internal IReadOnlyList<int> OrdinalsOfTag(string tag) =>
        _analysis.Value.OrdinalsByTag.TryGetValue(tag, out var ordinals) ? ordinals : [];

    /// <summary>The collapsed, trimmed text of the element at <paramref name="ordinal"/>, at most 200 characters.</summary>
    internal string TextAt(int ordinal) => TextNormalizer.Limit(_analysis.Value.Texts[ordinal], MaxTextLength);

    /// <summary>The label text of the element at <paramref name="ordinal"/>, or <see langword="null"/>.</summary>
    internal string? LabelAt(int ordinal)
    {
        var element = _elements[ordinal];
        if (element.LocalName == "label")
        {
            return null;
        }

        IElement? label = null;
        var id = element.GetAttribute("id");
        if (!string.IsNullOrEmpty(id))
        {
            _labelsByFor.TryGetValue(id, out label);
        }

        label ??= _labelAncestors[ordinal];
        if (label is null)
        {
            return null;
        }

        string? text;
        lock (_labelLock)
        {
            if (!_labelTexts.TryGetValue(label, out text))
            {
                text = LabelText(label);
                _labelTexts[label] = text;
            }
        }

        return text.Length == 0 ? null : text;
    }

    private int OrdinalOf(int nodeId) =>
        _ordinalById.TryGetValue(nodeId, out var ordinal)
            ? ordinal
            : throw new ArgumentException($"No element with node id {nodeId} in this DOM ({_elements.Length} elements carry node ids).", nameof(nodeId));

    private static bool TryReadNodeId(IElement element, out int id)
    {
        var raw = element.GetAttribute("node");
        id = 0;
        return !string.IsNullOrEmpty(raw)
            && raw.All(char.IsAsciiDigit)
            && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    private static bool IsFrame(IElement element) => element.LocalName is "iframe" or "frame";

    // Children in document order as the capture numbers them: shadow root first, template content, an inline frame
    // document, then the light children (skipped for a frame whose raw text was parsed as a document).
    private static void AddLogicalChildren(INode node, Dictionary<IElement, IDocument> frames, List<INode> into)
    {
        if (node is IElement element)
        {
            if (element.ShadowRoot is { } shadow)
            {
                into.AddRange(shadow.ChildNodes);
            }

            if (element is IHtmlTemplateElement template)
            {
                into.AddRange(template.Content.ChildNodes);
            }

            if (frames.TryGetValue(element, out var frame))
            {
                into.Add(frame);
                return;
            }
        }

        into.AddRange(node.ChildNodes);
    }

    private static bool SuppressesText(IElement element) =>
        element.LocalName is "script" or "style" or "noscript" or "template" || IsFrame(element);

    private Analysis Analyse()
    {
        var texts = new string[_elements.Length];
        var ordinalByElement = new Dictionary<IElement, int>(_elements.Length);
        for (var i = 0; i < _elements.Length; i++)
        {
            ordinalByElement[_elements[i]] = i;
        }

        // Post-order over the same logical tree: each element's capped text is built from its children's capped texts,
        // so the whole pass is linear in the number of nodes however deep the page is.
        if (_elements.Length > 0)
        {
            var stack = new Stack<(INode Node, bool Exit)>();
            var builders = new Stack<StringBuilder>();
            builders.Push(new StringBuilder());
            stack.Push((_document, false));
            var children = new List<INode>();
            while (stack.Count > 0)
            {
                var (node, exit) = stack.Pop();
                if (exit)
                {
                    var own = builders.Pop().ToString();
                    if (node is IElement done && ordinalByElement.TryGetValue(done, out var ordinal))
                    {
                        texts[ordinal] = own;
                    }

                    if (node is IElement el && !SuppressesText(el))
                    {
                        TextNormalizer.AppendCollapsed(builders.Peek(), own, TextCap);
                    }

                    continue;
                }

                if (node is IText text)
                {
                    TextNormalizer.AppendCollapsed(builders.Peek(), text.Data, TextCap);
                    continue;
                }

                if (node is not (IElement or IDocument or IDocumentFragment))
                {
                    continue;
                }

                // A (framed) document gets its own builder too, so a frame's content never counts as the frame's text.
                if (node is IElement or IDocument)
                {
                    builders.Push(new StringBuilder());
                    stack.Push((node, true));
                }

                children.Clear();
                AddLogicalChildren(node, _frames, children);
                for (var i = children.Count - 1; i >= 0; i--)
                {
                    stack.Push((children[i], false));
                }
            }
        }

        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] ??= "";
        }

        var byTag = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var positions = new int[_elements.Length];
        for (var i = 0; i < _elements.Length; i++)
        {
            var tag = TagOf(_elements[i]);
            if (!byTag.TryGetValue(tag, out var list))
            {
                list = [];
                byTag[tag] = list;
            }

            positions[i] = list.Count;
            list.Add(i);
        }

        return new Analysis(texts, positions, byTag.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
    }

    private static string LabelText(IElement label)
    {
        var sb = new StringBuilder();
        var stack = new Stack<INode>();
        stack.Push(label);
        while (stack.Count > 0 && sb.Length < TextCap)
        {
            var node = stack.Pop();
            if (node is IText text)
            {
                TextNormalizer.AppendCollapsed(sb, text.Data, TextCap);
                continue;
            }

            if (node is IElement element && node != label
                && (SuppressesText(element) || element.LocalName is "select" or "textarea" or "option" or "datalist"))
            {
                continue;
            }

            for (var i = node.ChildNodes.Length - 1; i >= 0; i--)
            {
                stack.Push(node.ChildNodes[i]);
            }
        }

        return TextNormalizer.Limit(sb.ToString(), MaxTextLength);
    }

    private static string RenderOpeningTag(IElement element)
    {
        var attributes = element.Attributes
            .Select(a => (Name: a.Name.ToLowerInvariant(), a.Value))
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
        var sb = new StringBuilder("<").Append(TagOf(element));
        foreach (var (name, value) in attributes)
        {
            sb.Append(' ').Append(name).Append("=\"");
            foreach (var c in value)
            {
                sb.Append(c switch
                {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    '"' => "&quot;",
                    _ => c.ToString(),
                });
            }

            sb.Append('"');
        }

        return sb.Append('>').ToString();
    }

    private sealed record Analysis(string[] Texts, int[] SameTagPositions, Dictionary<string, int[]> OrdinalsByTag);
}
