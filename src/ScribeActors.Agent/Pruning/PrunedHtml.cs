namespace ScribeActors.Agent.Pruning;

/// <summary>The result of <see cref="HtmlPruner.Prune"/>: the pruned DOM string the model reads, and what is known
/// about the source elements. Immutable and safe to share between threads.</summary>
public sealed class PrunedHtml
{
    private readonly SourceTags _tags;

    internal PrunedHtml(string html, int[] nodeIds, int sourceElementCount, bool idsAssigned, SourceTags tags, PrunedLayout layout)
    {
        Html = html;
        NodeIds = nodeIds;
        SourceElementCount = sourceElementCount;
        IdsAssigned = idsAssigned;
        _tags = tags;
        Layout = layout;
    }

    /// <summary>The pruned DOM on one line (ScribeAgent §3.1 step 10), for example
    /// <c>Acme &lt;body node="5"&gt; &lt;div class="wrapper" node="4"&gt; … &lt;/div&gt; &lt;/body&gt;</c>.</summary>
    public string Html { get; }

    /// <summary>The node ids that occur in <see cref="Html"/>, in document order, each once.</summary>
    public IReadOnlyList<int> NodeIds { get; }

    /// <summary>How many elements the parsed source had (the document root not counted; inlined frame documents and
    /// shadow content counted).</summary>
    public int SourceElementCount { get; }

    /// <summary>
    /// <see langword="true"/> when the source carried no numeric <c>node</c> attributes and the pruner assigned ids by
    /// the reference rule (reverse pre-order, document root largest); <see langword="false"/> when the source's own ids
    /// (an observed DOM) were kept.
    /// </summary>
    public bool IdsAssigned { get; }

    internal PrunedLayout Layout { get; }

    /// <summary>
    /// The cleaned opening tag of the source element with <paramref name="nodeId"/> (ScribeAgent §3.1 steps 5 and 7),
    /// whether or not that element survived pruning: lower-case tag, the attributes left by the same cleaning rules as
    /// the DOM, sorted by name, <c>node</c> among them, for example <c>&lt;button aria-label="Save" node="0"
    /// type="submit"&gt;</c>. A void element ends in <c>/&gt;</c> (<c>&lt;input node="3" type="text"/&gt;</c>), as the
    /// reference's serialise-then-cut-at-the-first-&gt; gives. <see langword="null"/> when no element has that id
    /// (including the id of the document root itself, which is not an element).
    /// </summary>
    public string? TargetTag(int nodeId) =>
        _tags.TryGet(nodeId, out var tag) ? HtmlPruner.RenderOpeningTag(tag.Tag, _tags.Attributes[tag.Attributes], nodeId, HtmlPruner.IsVoid(tag.Tag)) : null;

    /// <summary>
    /// What a step may do to the source element with <paramref name="nodeId"/>, judged from its markup as captured
    /// (the same in both <see cref="ObservationVariant"/>s): <see cref="ElementActions.Select"/> only on a
    /// <c>&lt;select&gt;</c>, <see cref="ElementActions.Type"/> only on a text-like input, a textarea or a
    /// contenteditable element that is not read-only, <see cref="ElementActions.Click"/> on any other element; nothing
    /// on an element that is hidden (marked by the capture, <c>[hidden]</c>, a closed dialog or details, an inline
    /// <c>display: none</c>, or inside one), disabled, a hidden input or an option, nor on an unknown id.
    /// </summary>
    public ElementActions ActionsOf(int nodeId) => _tags.TryGet(nodeId, out var tag) ? tag.Actions : ElementActions.None;

    /// <summary>
    /// The name a Description quotes for a click on the element with <paramref name="nodeId"/> (<c>Click "Sign in"</c>),
    /// as a person reads it: its <c>aria-label</c>; a button-like input's value; a form field's label text; an image's
    /// <c>alt</c>; otherwise its text; then its <c>title</c>; white space collapsed. Longer than
    /// <see cref="HtmlPruner.MaxNameLength"/> when the text is longer than that (it is cut one character past it);
    /// <see langword="null"/> for an element that has no name, takes no click, or an unknown id, and for a container
    /// that is not made to be clicked (an element with element children and no link, button, field, label, summary,
    /// role, tab stop or click handler of its own).
    /// </summary>
    public string? NameOf(int nodeId) => _tags.NameOf(nodeId);

    /// <summary>
    /// For an element made to be clicked whose name other such elements share (the Approve button of each row), the
    /// text of the table row, list item or article around it (white space collapsed, at most about 300 characters):
    /// what tells the look-alikes apart. <see langword="null"/> for any other element.
    /// </summary>
    public string? RowOf(int nodeId) => _tags.RowOf(nodeId);

    /// <summary>
    /// The values a step may give the source element with <paramref name="nodeId"/> (the same in both
    /// <see cref="ObservationVariant"/>s): the form typed text must have (a date input takes <c>yyyy-mm-dd</c>, a number
    /// input a number) and, for a <c>&lt;select&gt;</c> a step can choose in, its enabled options' labels, whether or
    /// not the options survived pruning and fitting. <see cref="FieldValues.AnyText"/> for an unknown id.
    /// </summary>
    public FieldValues ValuesOf(int nodeId)
    {
        if (!_tags.TryGet(nodeId, out var tag))
        {
            return FieldValues.AnyText;
        }

        var options = (tag.Actions & ElementActions.Select) != 0 ? _tags.OptionsOf(nodeId) : [];
        return tag.Format == FieldFormat.Text && options.Count == 0 ? FieldValues.AnyText : new FieldValues(tag.Format, options);
    }
}
