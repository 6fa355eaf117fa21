namespace ScribeActors.Inference.Gguf;

/// <summary>The type ids of GGUF metadata values, as the file stores them.</summary>
public enum GgufValueType : uint
{
    /// <summary>Unsigned 8-bit integer (<see cref="byte"/>).</summary>
    UInt8 = 0,

    /// <summary>Signed 8-bit integer (<see cref="sbyte"/>).</summary>
    Int8 = 1,

    /// <summary>Unsigned 16-bit integer (<see cref="ushort"/>).</summary>
    UInt16 = 2,

    /// <summary>Signed 16-bit integer (<see cref="short"/>).</summary>
    Int16 = 3,

    /// <summary>Unsigned 32-bit integer (<see cref="uint"/>).</summary>
    UInt32 = 4,

    /// <summary>Signed 32-bit integer (<see cref="int"/>).</summary>
    Int32 = 5,

    /// <summary>32-bit float (<see cref="float"/>).</summary>
    Float32 = 6,

    /// <summary>Boolean stored as one byte (<see cref="bool"/>).</summary>
    Bool = 7,

    /// <summary>UTF-8 string with a 64-bit length (<see cref="string"/>).</summary>
    String = 8,

    /// <summary>Array of values of one element type.</summary>
    Array = 9,

    /// <summary>Unsigned 64-bit integer (<see cref="ulong"/>).</summary>
    UInt64 = 10,

    /// <summary>Signed 64-bit integer (<see cref="long"/>).</summary>
    Int64 = 11,

    /// <summary>64-bit float (<see cref="double"/>).</summary>
    Float64 = 12,
}
