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
        int index;
        if (_idsAssigned)
        {
            index = Count - 1 - nodeId;
            if (nodeId < 0 || index < 0)
            {
                tag = default;
                return false;
            }
        }
        else if (_byRawId is null || !_byRawId.TryGetValue(nodeId, out index))
        {
            tag = default;
            return false;
        }

        tag = _tags[index];
        return true;
    }
}
