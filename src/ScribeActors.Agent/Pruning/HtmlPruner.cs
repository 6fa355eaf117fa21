using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace ScribeActors.Agent.Pruning;

/// <summary>
/// The ScribeAgent DOM pruner (Variant A, ScribeAgent §3.1): node ids, tag filtering, attribute cleaning, empty-node
/// pruning and <c>prettify</c>-style serialisation on one line.
/// </summary>
/// <remarks>
/// <para>Deviation from the reference: the reference parses with Python's lenient <c>html.parser</c>; this port parses
/// with AngleSharp, an HTML5 parser, which inserts <c>html</c>/<c>head</c>/<c>body</c>, <c>tbody</c> in tables,
/// closes <c>p</c> early, moves misnested markup (foster parenting) and turns <c>&lt;image&gt;</c> into
/// <c>&lt;img&gt;</c> outside SVG. For an observed DOM (from the browser, already HTML5-shaped) this changes
/// nothing. For raw saved HTML the assigned ids can differ from the reference's where the HTML5 tree differs.</para>
/// <para>Node ids: when any element carries a numeric <c>node</c> attribute (a DOM captured by ScribeActors) those ids
/// are kept as they are, never renumbered; elements without one get none, and a repeated id counts only for the first
/// element that carries it. Otherwise ids are assigned by the reference rule (§3.3): all elements in pre-order with the
/// document as element 0, numbered in reverse, so the last element gets 0 and the document the largest id.</para>
/// <para>Inlined content (as the ScribeActors capture writes it): the serialised document of a same-origin
/// <c>iframe</c>/<c>frame</c>, stored as the frame element's raw text, is parsed as HTML and its pruned content takes
/// the frame's place (the frame element itself is unwrapped like every tag outside the valid set); open shadow roots
/// are walked before the host's light children, and template content is walked as children.</para>
/// <para>Everything is iterative: nesting depth is limited only by memory. Time and memory are linear in the input.</para>
/// </remarks>
public static partial class HtmlPruner
{
    /// <summary>Prunes <paramref name="html"/>.</summary>
    /// <param name="html">A raw HTML document or an observed DOM with <c>node</c> attributes. Malformed markup never
    /// fails: whatever the HTML5 parser recovers is pruned.</param>
    /// <param name="options">Settings; <see langword="null"/> means <see cref="PruneOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="html"/> is <see langword="null"/>, or
    /// <paramref name="options"/> has a <see langword="null"/> token counter.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (negative length, negative or
    /// non-finite ratio).</exception>
    public static PrunedHtml Prune(string html, PruneOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        options ??= PruneOptions.Default;
        Validate(options);

        var parser = new HtmlParser();
        var document = parser.ParseDocument(html);
        var cleaner = new AttributeCleaner(options);

        var root = new PNode(null, [], -1, 0);
        var keptElements = new List<PNode>();
        var sources = new List<(SourceTag Tag, int RawId)>();
        var anyRawId = false;
        var pre = 1;

        // Iterative pre-order walk over the logical tree; Out is where the node's output goes (null: inside a deleted
        // script/style, still walked so that every element is counted for the ids).
        var stack = new Stack<(INode Node, PNode? Out)>();
        var children = new List<INode>();
        PushChildren(stack, children, document, root, parser);
        while (stack.Count > 0)
        {
            var (node, output) = stack.Pop();
            switch (node)
            {
                case IText text:
                    output?.Children!.Add(new PNode(text.Data));
                    break;
                case IElement element:
                    {
                        var tag = element.LocalName.ToLowerInvariant();
                        var rawId = ReadNodeId(element);
                        anyRawId |= rawId >= 0;
                        var attributes = cleaner.Clean(element);
                        sources.Add((new SourceTag(tag, attributes), rawId));
                        var elementPre = pre++;
                        PNode? childOutput;
                        if (output is null || tag is "script" or "style")
                        {
                            // §3.1 step 6: script and style are deleted with their content.
                            childOutput = null;
                        }
                        else if (ValidTags.Contains(tag))
                        {
                            var kept = new PNode(tag, attributes, rawId, elementPre);
                            output.Children!.Add(kept);
                            keptElements.Add(kept);
                            childOutput = kept;
                        }
                        else
                        {
                            // §3.1 step 6: any other tag is unwrapped, its children stay in place.
                            childOutput = output;
                        }

                        PushChildren(stack, children, element, childOutput, parser);
                        break;
                    }

                case IDocument frameDocument:
                    PushChildren(stack, children, frameDocument, output, parser);
                    break;
                default:
                    // Comments (§3.1 step 4), doctype, processing instructions.
                    break;
            }
        }

        var total = pre;
        var idsAssigned = !anyRawId;
        var tags = new Dictionary<int, SourceTag>(sources.Count);
        for (var i = 0; i < sources.Count; i++)
        {
            var id = idsAssigned ? total - 2 - i : sources[i].RawId;
            if (id >= 0)
            {
                tags.TryAdd(id, sources[i].Tag);
            }
        }

        var seen = new HashSet<int>();
        foreach (var element in keptElements)
        {
            var id = idsAssigned ? total - 1 - element.Pre : element.RawId;
            element.Id = id >= 0 && seen.Add(id) ? id : -1;
        }

        PruneEmpty(root, keptElements);
        return Serializer.Serialize(root, sources.Count, idsAssigned, tags);
    }

    private static void Validate(PruneOptions options)
    {
        if (options.TokenCounter is null)
        {
            throw new ArgumentNullException(nameof(options), "PruneOptions.TokenCounter must not be null.");
        }

        if (options.MaxAttributeLength < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxAttributeLength, "PruneOptions.MaxAttributeLength must be 0 or more.");
        }

        if (!double.IsFinite(options.MinCharsPerToken) || options.MinCharsPerToken < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MinCharsPerToken, "PruneOptions.MinCharsPerToken must be a finite number, 0 or more.");
        }
    }

    // Children in the order the capture numbers them: shadow root, template content, an inline frame document (instead of
    // the frame's raw text), then the light children. Pushed in reverse so that they pop in document order.
    private static void PushChildren(Stack<(INode, PNode?)> stack, List<INode> into, INode node, PNode? output, HtmlParser parser)
    {
        into.Clear();
        var lightChildren = true;
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

            if (element.LocalName is "iframe" or "frame" && element.ChildNodes.Length > 0)
            {
                var raw = element.TextContent;
                if (raw.Contains('<', StringComparison.Ordinal))
                {
                    into.Add(parser.ParseDocument(raw));
                    lightChildren = false;
                }
            }
        }

        if (lightChildren)
        {
            into.AddRange(node.ChildNodes);
        }

        for (var i = into.Count - 1; i >= 0; i--)
        {
            stack.Push((into[i], output));
        }
    }

    private static int ReadNodeId(IElement element)
    {
        var raw = element.GetAttribute("node");
        return !string.IsNullOrEmpty(raw)
            && raw.All(char.IsAsciiDigit)
            && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : -1;
    }

    // §3.1 step 9, post-order without recursion: in pre-order every descendant comes after its ancestor, so walking the
    // kept elements backwards finishes all children before their parent.
    private static void PruneEmpty(PNode root, List<PNode> keptElements)
    {
        for (var i = keptElements.Count - 1; i >= 0; i--)
        {
            var element = keptElements[i];
            RemoveDeadChildren(element);
            if (element.Children!.Count == 0 && !NoDropTags.Contains(element.Tag!) && !HasKeepAttribute(element.Attributes!))
            {
                element.Removed = true;
            }
        }

        RemoveDeadChildren(root);
    }

    private static void RemoveDeadChildren(PNode element) =>
        element.Children!.RemoveAll(c => c.Removed || (c.Tag is null && IsWhiteSpaceOnly(c.Text!)));

    private static bool HasKeepAttribute(KeyValuePair<string, string>[] attributes)
    {
        foreach (var (name, _) in attributes)
        {
            if (name is "title" or "alt" or "aria-label" or "style")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Python's <c>str.isspace</c> set: .NET white space plus the separators U+001C to U+001F.</summary>
    internal static bool IsPythonWhiteSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    private static bool IsWhiteSpaceOnly(string text)
    {
        foreach (var c in text)
        {
            if (!IsPythonWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A node of the output tree: an element (Tag set), a text (Text set) or the root (neither).</summary>
    internal sealed class PNode
    {
        public PNode(string text) => Text = text;

        public PNode(string? tag, KeyValuePair<string, string>[] attributes, int rawId, int pre)
        {
            Tag = tag;
            Attributes = attributes;
            RawId = rawId;
            Pre = pre;
            Children = [];
        }

        public string? Tag { get; }

        public string? Text { get; }

        public KeyValuePair<string, string>[]? Attributes { get; }

        public List<PNode>? Children { get; }

        public int RawId { get; }

        public int Pre { get; }

        public int Id { get; set; } = -1;

        public bool Removed { get; set; }
    }
}
