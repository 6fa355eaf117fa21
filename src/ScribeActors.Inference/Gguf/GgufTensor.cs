using System.Runtime.InteropServices;

namespace ScribeActors.Inference.Gguf;

/// <summary>
/// One tensor of a GGUF file: its name, ggml type, dimensions (ne0 first, as ggml and GGUF store them) and data. The
/// data is held in memory, or read on first use from the file a <see cref="GgufReader"/> read the header from.
/// </summary>
public sealed class GgufTensor
{
    /// <summary>At most this many dimensions (ggml's <c>GGML_MAX_DIMS</c>).</summary>
    public const int MaxDimensions = 4;

    private readonly ulong[] _dimensions;
    private Func<byte[]>? _load;
    private byte[]? _data;

    /// <summary>Creates a tensor holding <paramref name="data"/> (copied); throws when its length does not fit the type and dimensions.</summary>
    public GgufTensor(string name, GgmlType type, IReadOnlyList<ulong> dimensions, ReadOnlySpan<byte> data)
        : this(name, type, dimensions)
    {
        CheckLength(data.Length);
        _data = data.ToArray();
    }

    internal GgufTensor(string name, GgmlType type, IReadOnlyList<ulong> dimensions, Func<byte[]> load)
        : this(name, type, dimensions) => _load = load;

    private GgufTensor(string name, GgmlType type, IReadOnlyList<ulong> dimensions)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(dimensions);
        if (dimensions.Count is 0 or > MaxDimensions)
        {
            throw new ArgumentException($"Tensor '{name}' has {dimensions.Count} dimensions; GGUF allows 1 to {MaxDimensions}.", nameof(dimensions));
        }

        Name = name;
        Type = type;
        _dimensions = [.. dimensions];
        ElementCount = _dimensions.Aggregate(1UL, (a, d) => checked(a * d));
        ByteCount = GgmlTypeSizes.Bytes((uint)type, ElementCount)
            ?? throw new ArgumentException($"Tensor '{name}' has ggml type {(uint)type}, whose size this reader does not know.", nameof(type));
        var block = GgmlTypeSizes.BlockElements((uint)type);
        if (_dimensions[0] % block != 0)
        {
            throw new ArgumentException($"Tensor '{name}' has rows of {_dimensions[0]} elements, not a multiple of the {block}-element blocks of {type}.", nameof(dimensions));
        }
    }

    /// <summary>The tensor's name (for example <c>blk.0.attn_q.weight</c>).</summary>
    public string Name { get; }

    /// <summary>The ggml type of its elements.</summary>
    public GgmlType Type { get; }

    /// <summary>The dimensions, ne0 (the contiguous one) first.</summary>
    public IReadOnlyList<ulong> Dimensions => _dimensions;

    /// <summary>The number of elements (the product of the dimensions).</summary>
    public ulong ElementCount { get; }

    /// <summary>The size of the data in bytes (without padding).</summary>
    public ulong ByteCount { get; }

    /// <summary>Creates an F32 tensor from <paramref name="values"/>; throws when their count does not match the dimensions.</summary>
    public static GgufTensor FromF32(string name, IReadOnlyList<ulong> dimensions, ReadOnlySpan<float> values) =>
        new(name, GgmlType.F32, dimensions, MemoryMarshal.AsBytes(values));

    /// <summary>The raw data (read from the file on first use when the tensor came from a header-only read).</summary>
    public ReadOnlyMemory<byte> GetData()
    {
        if (_data is null)
        {
            var bytes = _load!();
            CheckLength(bytes.Length);
            _data = bytes;
            _load = null;
        }

        return _data;
    }

    /// <summary>The data of an F32 tensor as floats (a copy); throws for other types.</summary>
    public float[] GetF32()
    {
        RequireF32();
        return MemoryMarshal.Cast<byte, float>(GetData().Span).ToArray();
    }

    /// <summary>Replaces the data of an F32 tensor; throws for other types or a wrong count.</summary>
    public void SetF32(ReadOnlySpan<float> values)
    {
        RequireF32();
        var bytes = MemoryMarshal.AsBytes(values);
        CheckLength(bytes.Length);
        _data = bytes.ToArray();
        _load = null;
    }

    /// <summary>Replaces the raw data; throws when its length does not fit the type and dimensions.</summary>
    public void SetData(ReadOnlySpan<byte> data)
    {
        CheckLength(data.Length);
        _data = data.ToArray();
        _load = null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Type} [{string.Join(", ", _dimensions)}]";

    private void RequireF32()
    {
        if (Type != GgmlType.F32)
        {
            throw new InvalidOperationException($"Tensor '{Name}' is {Type}, not F32.");
        }
    }

    private void CheckLength(long length)
    {
        if ((ulong)length != ByteCount)
        {
            throw new ArgumentException($"Tensor '{Name}' ({Type}, {ElementCount} elements) needs {ByteCount} bytes of data, not {length}.");
        }
    }
}
