using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace ScribeActors.Agent.Pruning;

/// <summary>
/// The ScribeAgent DOM pruner (Variant A, ScribeAgent §3.1, and the project's observation built on it): node ids, tag filtering, attribute cleaning, empty-node
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
/// <para>Two observations (<see cref="PruneOptions.Variant"/>). <see cref="ObservationVariant.Reference"/> is the
/// reference's Variant A as described above. <see cref="ObservationVariant.Project"/>, the default, applies the same rules
/// and adds: element state (<c>checked</c>, <c>selected</c>, <c>disabled</c>, <c>readonly</c>, <c>open</c>,
/// <c>multiple</c>, <c>required</c> kept with their empty value; <c>aria-expanded</c>, <c>aria-checked</c>,
/// <c>aria-pressed</c>, <c>aria-disabled</c>, <c>aria-current</c>, <c>contenteditable</c> kept), a field's non-empty
/// <c>value</c> kept whatever its char-to-token ratio, a label's <c>for</c>; <c>summary</c> and <c>dialog</c> kept as tags
/// (a summary is clickable, a modal's content is told apart); content a person does not see deleted with its content
/// like a script: an element the capture marked <see cref="HiddenMark"/> (computed <c>display: none</c>), <c>[hidden]</c>,
/// a dialog without <c>open</c>, a hidden input, an inline <c>display: none</c>, a template, and everything in a closed
/// <c>details</c> but its <c>summary</c>. Ids are those of the same elements in both (deleted content is still counted).
/// <see cref="PrunedHtml.ActionsOf"/> tells, in both, which actions each element can take.</para>
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
        var attributePool = new AttributePool();
        var cleaner = new AttributeCleaner(options, attributePool);
        var project = options.Variant == ObservationVariant.Project;
        var validTags = project ? ProjectSets.ProjectValidTags : ValidTags;

        var tree = new OutputTree();
        var sources = new SourceTags(attributePool, html.AsSpan().Count('<') / 2);
        var anyRawId = false;
        var labels = new LabelIndex(document);
        var named = new Dictionary<IElement, (int Index, string Name, bool Interactive)>();
        var pre = 1;

        // Iterative pre-order walk over the logical tree; the second item is the output node the node's output goes into
        // (Root, or Deleted inside a deleted script/style, still walked so that every element is counted for the ids);
        // the third whether the node is inside content a person does not see.
        var stack = new Stack<(INode Node, int Output, bool Hidden)>();
        PushChildren(stack, document, OutputTree.Root, false, parser, project);
        while (stack.Count > 0)
        {
            var (node, output, hiddenAbove) = stack.Pop();
            switch (node)
            {
                case IText text:
                    if (output != OutputTree.Deleted)
                    {
                        tree.AddText(output, text.Data);
                    }

                    break;
                case IElement element:
                    {
                        var tag = element.LocalName.ToLowerInvariant();
                        var hidden = hiddenAbove || IsHidden(tag, element);
                        var attributes = cleaner.Clean(element, tag, out var rawId);
                        anyRawId |= rawId >= 0;
                        var actions = ActionsOf(tag, element, hidden);
                        sources.Add(new SourceTag(tag, attributes, actions, FormatOf(tag, element)), rawId);
                        if ((actions & ElementActions.Select) != 0)
                        {
                            sources.SetOptionsOfLast(OptionLabels(element));
                        }

                        // Named: what is made to be clicked, and elements without element children (a cell's text);
                        // a container's text is its children's, and gathering it for every container of a deep page
                        // would cost a walk per element.
                        var interactive = IsInteractive(tag, element);
                        if ((actions & ElementActions.Click) != 0 && (interactive || element.ChildElementCount == 0) && NameOf(tag, element, labels) is { } name)
                        {
                            // A wrapper whose whole text is this element's (a cell around a link) is clicked through it.
                            var parent = element.ParentElement;
                            for (var up = 0; parent is not null && up < MaxWrapperDepth; up++, parent = parent.ParentElement)
                            {
                                if (named.TryGetValue(parent, out var wrapper) && wrapper.Name == name && !wrapper.Interactive)
                                {
                                    sources.DropClick(wrapper.Index);
                                }
                            }

                            named[element] = (sources.SetNameOfLast(name), name, interactive);
                        }

                        var elementPre = pre++;
                        int childOutput;
                        if (output == OutputTree.Deleted || tag is "script" or "style" || (project && hidden))
                        {
                            // §3.1 step 6: script and style are deleted with their content; the project's observation
                            // deletes what a person does not see the same way.
                            childOutput = OutputTree.Deleted;
                        }
                        else if (validTags.Contains(tag))
                        {
                            childOutput = tree.AddElement(output, tag, attributes, rawId, elementPre);
                        }
                        else
                        {
                            // §3.1 step 6: any other tag is unwrapped, its children stay in place.
                            childOutput = output;
                        }

                        PushChildren(stack, element, childOutput, hidden, parser, project);
                        break;
                    }

                case IDocument frameDocument:
                    PushChildren(stack, frameDocument, output, hiddenAbove, parser, project);
                    break;
                default:
                    // Comments (§3.1 step 4), doctype, processing instructions.
                    break;
            }
        }

        DropPlainNamesakes(named.Values, sources);
        KeepRowsOfLookAlikes(named, sources);
        var idsAssigned = !anyRawId;
        sources.Complete(idsAssigned);
        tree.AssignIds(idsAssigned, pre);
        tree.MarkLive(attributePool, project ? ProjectSets.ProjectNoDropTags : NoDropTags);
        return Serializer.Serialize(tree, sources, idsAssigned, html.Length);
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
    // the frame's raw text), then the light children. Pushed in reverse so that they pop in document order; by index,
    // since a node's sibling links in AngleSharp are found by searching the parent's children. What a closed
    // <details> holds besides its <summary> is hidden (and, in the project's observation, walked as deleted).
    private static void PushChildren(Stack<(INode, int, bool)> stack, INode node, int output, bool hidden, HtmlParser parser, bool project)
    {
        var element = node as IElement;
        IDocument? frame = null;
        if (element is not null && element.LocalName is "iframe" or "frame" && element.ChildNodes.Length > 0)
        {
            var raw = element.TextContent;
            if (raw.Contains('<', StringComparison.Ordinal))
            {
                frame = parser.ParseDocument(raw);
            }
        }

        if (frame is not null)
        {
            stack.Push((frame, output, hidden));
        }
        else if (!hidden && element is not null && element.LocalName == "details" && !element.HasAttribute("open"))
        {
            var children = element.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                var summary = children[i] is IElement { LocalName: "summary" };
                stack.Push((children[i], summary || !project ? output : OutputTree.Deleted, !summary));
            }
        }
        else
        {
            PushReversed(stack, node.ChildNodes, output, hidden);
        }

        if (element is IHtmlTemplateElement template)
        {
            PushReversed(stack, template.Content.ChildNodes, output, hidden);
        }

        if (element?.ShadowRoot is { } shadow)
        {
            PushReversed(stack, shadow.ChildNodes, output, hidden);
        }
    }

    private static void PushReversed(Stack<(INode, int, bool)> stack, INodeList children, int output, bool hidden)
    {
        for (var i = children.Length - 1; i >= 0; i--)
        {
            stack.Push((children[i], output, hidden));
        }
    }

    private static bool HasKeepAttribute(ReadOnlySpan<KeyValuePair<string, string>> attributes)
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
}
