namespace ScribeActors.Agent.Pruning;

/// <summary>Where an element's cleaned attributes lie in an <see cref="AttributePool"/>.</summary>
/// <param name="Start">Index of the first.</param>
/// <param name="Count">How many.</param>
internal readonly record struct AttributeRange(int Start, int Count);

/// <summary>
/// The cleaned attributes of every element of one page, back to back in one array: a page has hundreds of thousands
/// of elements, and an array for each would be as many small objects for the garbage collector to copy.
/// </summary>
internal sealed class AttributePool
{
    private KeyValuePair<string, string>[] _items = new KeyValuePair<string, string>[256];

    /// <summary>Attributes stored.</summary>
    public int Count { get; private set; }

    /// <summary>The attributes of <paramref name="range"/>.</summary>
    public ReadOnlySpan<KeyValuePair<string, string>> this[AttributeRange range] => _items.AsSpan(range.Start, range.Count);

    /// <summary>Appends one attribute (the next of the element being cleaned).</summary>
    public void Add(KeyValuePair<string, string> attribute)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = attribute;
    }

    /// <summary>The attributes from <paramref name="start"/> to the end, to sort them in place.</summary>
    public Span<KeyValuePair<string, string>> From(int start) => _items.AsSpan(start, Count - start);
}
