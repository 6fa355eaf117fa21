using System.Globalization;

namespace ScribeActors.Inference.Gguf;

/// <summary>
/// One typed GGUF metadata value. Scalars hold their CLR type (<see cref="uint"/> for <see cref="GgufValueType.UInt32"/>,
/// <see cref="string"/> for <see cref="GgufValueType.String"/>, …); arrays hold a CLR array of the element type
/// (<c>string[]</c>, <c>int[]</c>, <c>float[]</c>, …, or <see cref="GgufValue"/>[] for nested arrays).
/// </summary>
public sealed class GgufValue : IEquatable<GgufValue>
{
    private GgufValue(GgufValueType type, GgufValueType? elementType, object value)
    {
        Type = type;
        ElementType = elementType;
        Value = value;
    }

    /// <summary>The stored type.</summary>
    public GgufValueType Type { get; }

    /// <summary>The element type of an array; null for scalars.</summary>
    public GgufValueType? ElementType { get; }

    /// <summary>The value: a boxed scalar or a CLR array (see the type's summary).</summary>
    public object Value { get; }

    /// <summary>A string value.</summary>
    public static GgufValue String(string value) => new(GgufValueType.String, null, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>An unsigned 32-bit value.</summary>
    public static GgufValue UInt32(uint value) => new(GgufValueType.UInt32, null, value);

    /// <summary>A signed 32-bit value.</summary>
    public static GgufValue Int32(int value) => new(GgufValueType.Int32, null, value);

    /// <summary>An unsigned 64-bit value.</summary>
    public static GgufValue UInt64(ulong value) => new(GgufValueType.UInt64, null, value);

    /// <summary>A 32-bit float value.</summary>
    public static GgufValue Float32(float value) => new(GgufValueType.Float32, null, value);

    /// <summary>A boolean value.</summary>
    public static GgufValue Bool(bool value) => new(GgufValueType.Bool, null, value);

    /// <summary>An array of strings.</summary>
    public static GgufValue Strings(IEnumerable<string> values) => new(GgufValueType.Array, GgufValueType.String, values.ToArray());

    /// <summary>An array of signed 32-bit integers.</summary>
    public static GgufValue Int32s(IEnumerable<int> values) => new(GgufValueType.Array, GgufValueType.Int32, values.ToArray());

    /// <summary>An array of 32-bit floats.</summary>
    public static GgufValue Float32s(IEnumerable<float> values) => new(GgufValueType.Array, GgufValueType.Float32, values.ToArray());

    /// <summary>
    /// Any value from its GGUF type and a matching CLR object (the boxed scalar, or for arrays a CLR array of the element
    /// type); throws <see cref="ArgumentException"/> when they do not match.
    /// </summary>
    public static GgufValue Of(GgufValueType type, object value, GgufValueType? elementType = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (type == GgufValueType.Array)
        {
            var element = elementType ?? throw new ArgumentException("An array value needs its element type.", nameof(elementType));
            var expected = element == GgufValueType.Array ? typeof(GgufValue) : ClrType(element);
            return value is Array a && a.GetType().GetElementType() == expected && a.Rank == 1
                ? new GgufValue(type, element, value)
                : throw new ArgumentException($"A GGUF array of {element} needs a {expected.Name}[], not {value.GetType().Name}.", nameof(value));
        }

        return value.GetType() == ClrType(type)
            ? new GgufValue(type, null, value)
            : throw new ArgumentException($"A GGUF {type} value needs a {ClrType(type).Name}, not {value.GetType().Name}.", nameof(value));
    }

    /// <summary>The string; throws when the value is not a string.</summary>
    public string AsString() => As<string>(GgufValueType.String);

    /// <summary>The boolean; throws when the value is not a boolean.</summary>
    public bool AsBool() => As<bool>(GgufValueType.Bool);

    /// <summary>The float (32- or 64-bit, or an integer); throws for strings, booleans and arrays.</summary>
    public double AsDouble() => Type switch
    {
        GgufValueType.Float32 => (float)Value,
        GgufValueType.Float64 => (double)Value,
        _ => AsInt64(),
    };

    /// <summary>Any integer type as a 64-bit signed value; throws for other types or a UInt64 above <see cref="long.MaxValue"/>.</summary>
    public long AsInt64() => Type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.UInt16 or GgufValueType.Int16 or GgufValueType.UInt32
            or GgufValueType.Int32 or GgufValueType.Int64 => Convert.ToInt64(Value, CultureInfo.InvariantCulture),
        GgufValueType.UInt64 => checked((long)(ulong)Value),
        _ => throw new InvalidOperationException($"The GGUF value is {Describe()}, not an integer."),
    };

    /// <summary>The array's elements as <typeparamref name="T"/>[] (for example <c>string[]</c>, <c>int[]</c>, <c>float[]</c>); throws when the value is not such an array.</summary>
    public T[] AsArray<T>() => Value as T[] ?? throw new InvalidOperationException($"The GGUF value is {Describe()}, not an array of {typeof(T).Name}.");

    /// <inheritdoc />
    public bool Equals(GgufValue? other)
    {
        if (other is null || other.Type != Type || other.ElementType != ElementType)
        {
            return false;
        }

        return Value is Array a && other.Value is Array b
            ? a.Length == b.Length && Enumerable.Range(0, a.Length).All(i => Equals(a.GetValue(i), b.GetValue(i)))
            : Equals(Value, other.Value);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GgufValue);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, ElementType, Value is Array a ? a.Length : Value.GetHashCode());

    /// <inheritdoc />
    public override string ToString() => Value is Array a ? $"{ElementType}[{a.Length}]" : $"{Type} {Convert.ToString(Value, CultureInfo.InvariantCulture)}";

    internal static Type ClrType(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 => typeof(byte),
        GgufValueType.Int8 => typeof(sbyte),
        GgufValueType.UInt16 => typeof(ushort),
        GgufValueType.Int16 => typeof(short),
        GgufValueType.UInt32 => typeof(uint),
        GgufValueType.Int32 => typeof(int),
        GgufValueType.Float32 => typeof(float),
        GgufValueType.Bool => typeof(bool),
        GgufValueType.String => typeof(string),
        GgufValueType.UInt64 => typeof(ulong),
        GgufValueType.Int64 => typeof(long),
        GgufValueType.Float64 => typeof(double),
        GgufValueType.Array => typeof(GgufValue),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a GGUF value type."),
    };

    private T As<T>(GgufValueType type) =>
        Type == type ? (T)Value : throw new InvalidOperationException($"The GGUF value is {Describe()}, not {type}.");

    private string Describe() => Value is Array ? $"an array of {ElementType}" : Type.ToString();
}
