namespace ScribeActors.Agent.Pruning;

/// <summary>
/// Every source element's <see cref="SourceTag"/> in document order, found by node id: by position when the pruner
/// assigned the ids (reverse pre-order), through a map of the first element carrying each id when the source had them.
/// </summary>
/// <param name="attributes">Where the tags' attributes are.</param>
/// <param name="capacity">Expected number of elements.</param>
internal sealed class SourceTags(AttributePool attributes, int capacity)
{
    private SourceTag[] _tags = new SourceTag[Math.Max(capacity, 16)];
    private Dictionary<int, int>? _byRawId;
    private Dictionary<int, string[]>? _options;
    private Dictionary<int, string>? _names;
    private Dictionary<int, string>? _rows;
    private bool _idsAssigned;

    /// <summary>Where the tags' attributes are.</summary>
    public AttributePool Attributes { get; } = attributes;

    /// <summary>Elements added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds the next source element in document order; <paramref name="rawId"/> is its own id or -1.</summary>
    public void Add(SourceTag tag, int rawId)
    {
        if (Count == _tags.Length)
        {
            Array.Resize(ref _tags, _tags.Length * 2);
        }

        if (rawId >= 0)
        {
            _byRawId ??= new Dictionary<int, int>(_tags.Length);
            _byRawId.TryAdd(rawId, Count);
        }

        _tags[Count++] = tag;
    }

    /// <summary>Keeps the option labels of the select added last.</summary>
    public void SetOptionsOfLast(string[] options)
    {
        _options ??= [];
        _options[Count - 1] = options;
    }

    /// <summary>Keeps the name of the element added last (<see cref="HtmlPruner.NameOf"/>).</summary>
    /// <returns>The element's index.</returns>
    public int SetNameOfLast(string name)
    {
        _names ??= [];
        _names[Count - 1] = name;
        return Count - 1;
    }

    /// <summary>Takes the click and the name away from the element at <paramref name="index"/> (a wrapper whose whole
    /// text is a clickable descendant's: the click goes to the descendant).</summary>
    public void DropClick(int index)
    {
        _tags[index] = _tags[index] with { Actions = _tags[index].Actions & ~ElementActions.Click };
        _names?.Remove(index);
    }

    /// <summary>Keeps the row text of the element at <paramref name="index"/>.</summary>
    public void SetRow(int index, string row)
    {
        _rows ??= [];
        _rows[index] = row;
    }

    /// <summary>The row text of the element with <paramref name="nodeId"/>, if kept.</summary>
    public string? RowOf(int nodeId) =>
        _rows is not null && TryGetIndex(nodeId, out var index) && _rows.TryGetValue(index, out var row) ? row : null;

    /// <summary>The name of the element with <paramref name="nodeId"/>; <see langword="null"/> when it has none.</summary>
    public string? NameOf(int nodeId) =>
        _names is not null && TryGetIndex(nodeId, out var index) && _names.TryGetValue(index, out var name) ? name : null;

    /// <summary>The option labels of the select with <paramref name="nodeId"/>; empty for any other id.</summary>
    public IReadOnlyList<string> OptionsOf(int nodeId) =>
        _options is not null && TryGetIndex(nodeId, out var index) && _options.TryGetValue(index, out var options) ? options : [];

    /// <summary>Ends adding: ids are assigned (the i-th element gets Count - 1 - i) or the elements' own.</summary>
    public void Complete(bool idsAssigned)
    {
        _idsAssigned = idsAssigned;
        if (idsAssigned)
        {
            _byRawId = null;
        }
    }

    /// <summary>The tag of the element with <paramref name="nodeId"/>.</summary>
    public bool TryGet(int nodeId, out SourceTag tag)
    {
        if (!TryGetIndex(nodeId, out var index))
        {
            tag = default;
            return false;
        }

        tag = _tags[index];
        return true;
    }

    private bool TryGetIndex(int nodeId, out int index)
    {
        if (_idsAssigned)
        {
            index = Count - 1 - nodeId;
            return nodeId >= 0 && index >= 0;
        }

        index = -1;
        return _byRawId is not null && _byRawId.TryGetValue(nodeId, out index);
    }
}
