namespace ScribeActors.Inference.Gguf;

/// <summary>
/// ggml tensor type ids as GGUF stores them (the values of llama.cpp's <c>ggml_type</c>). Other ids can be cast in;
/// the reader refuses ids whose size it does not know. Note: LLamaSharp's own enum gives I32 as 18; the real id is 26.
/// </summary>
public enum GgmlType : uint
{
    /// <summary>32-bit float.</summary>
    F32 = 0,

    /// <summary>16-bit float.</summary>
    F16 = 1,

    /// <summary>4-bit blocks of 32 with one scale.</summary>
    Q4_0 = 2,

    /// <summary>4-bit blocks of 32 with scale and minimum.</summary>
    Q4_1 = 3,

    /// <summary>5-bit blocks of 32 with one scale.</summary>
    Q5_0 = 6,

    /// <summary>5-bit blocks of 32 with scale and minimum.</summary>
    Q5_1 = 7,

    /// <summary>8-bit blocks of 32 with one scale.</summary>
    Q8_0 = 8,

    /// <summary>2-bit K-quant (super-blocks of 256).</summary>
    Q2_K = 10,

    /// <summary>3-bit K-quant.</summary>
    Q3_K = 11,

    /// <summary>4-bit K-quant.</summary>
    Q4_K = 12,

    /// <summary>5-bit K-quant.</summary>
    Q5_K = 13,

    /// <summary>6-bit K-quant.</summary>
    Q6_K = 14,

    /// <summary>Signed 8-bit integer.</summary>
    I8 = 24,

    /// <summary>Signed 16-bit integer.</summary>
    I16 = 25,

    /// <summary>Signed 32-bit integer.</summary>
    I32 = 26,

    /// <summary>Signed 64-bit integer.</summary>
    I64 = 27,

    /// <summary>64-bit float.</summary>
    F64 = 28,

    /// <summary>bfloat16.</summary>
    BF16 = 30,
}
