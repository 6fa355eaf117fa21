namespace ScribeActors.Inference.Gguf;

/// <summary>
/// A GGUF file in memory: ordered metadata (key → typed value) and ordered tensors. <see cref="GgufReader"/> builds
/// one from a file, <see cref="GgufWriter"/> writes one (always as version 3).
/// </summary>
public sealed class GgufDocument
{
    /// <summary>The metadata key that sets the data alignment.</summary>
    public const string AlignmentKey = "general.alignment";

    /// <summary>The alignment when <see cref="AlignmentKey"/> is absent.</summary>
    public const uint DefaultAlignment = 32;

    /// <summary>The format version the document was read from (3 for a new document; the writer always writes 3).</summary>
    public uint Version { get; init; } = 3;

    /// <summary>Metadata in file order. Keys are unique; values are typed.</summary>
    public OrderedDictionary<string, GgufValue> Metadata { get; } = new(StringComparer.Ordinal);

    /// <summary>Tensors in file order.</summary>
    public IList<GgufTensor> Tensors { get; } = [];

    /// <summary>The data alignment: <see cref="AlignmentKey"/> when present (a UInt32 power of two), else 32.</summary>
    public uint Alignment
    {
        get
        {
            if (!Metadata.TryGetValue(AlignmentKey, out var value))
            {
                return DefaultAlignment;
            }

            var alignment = value.Type == GgufValueType.UInt32
                ? (uint)value.Value
                : throw new GgufFormatException($"{AlignmentKey} is {value.Type}, not UInt32.");
            return alignment != 0 && (alignment & (alignment - 1)) == 0
                ? alignment
                : throw new GgufFormatException($"{AlignmentKey} {alignment} is not a power of two.");
        }
    }

    /// <summary>The tensor named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> naming it when there is none.</summary>
    public GgufTensor Tensor(string name) =>
        Tensors.FirstOrDefault(t => t.Name == name) ?? throw new KeyNotFoundException($"The GGUF has no tensor named '{name}'.");

    /// <summary>The metadata value of <paramref name="key"/>; throws <see cref="KeyNotFoundException"/> naming it when absent.</summary>
    public GgufValue Get(string key) =>
        Metadata.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The GGUF has no metadata key '{key}'.");

    /// <summary>Sets (or adds at the end) the metadata value of <paramref name="key"/>.</summary>
    public void Set(string key, GgufValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        Metadata[key] = value;
    }
}
