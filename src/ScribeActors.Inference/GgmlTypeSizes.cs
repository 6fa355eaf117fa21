namespace ScribeActors.Inference;

/// <summary>Bytes per block and elements per block of the ggml tensor types GGUF files use (for the truncation check).</summary>
internal static class GgmlTypeSizes
{
    private static readonly Dictionary<uint, (int BlockBytes, int BlockElements)> Sizes = new()
    {
        [0] = (4, 1), // F32
        [1] = (2, 1), // F16
        [2] = (18, 32), // Q4_0
        [3] = (20, 32), // Q4_1
        [6] = (22, 32), // Q5_0
        [7] = (24, 32), // Q5_1
        [8] = (34, 32), // Q8_0
        [10] = (84, 256), // Q2_K
        [11] = (110, 256), // Q3_K
        [12] = (144, 256), // Q4_K
        [13] = (176, 256), // Q5_K
        [14] = (210, 256), // Q6_K
        [24] = (1, 1), // I8
        [25] = (2, 1), // I16
        [26] = (4, 1), // I32
        [27] = (8, 1), // I64
        [28] = (8, 1), // F64
        [30] = (2, 1), // BF16
    };

    /// <summary>Bytes of a tensor of <paramref name="type"/> with <paramref name="elements"/> elements, or null for a type not listed.</summary>
    public static ulong? Bytes(uint type, ulong elements) =>
        Sizes.TryGetValue(type, out var s) ? (elements + (ulong)s.BlockElements - 1) / (ulong)s.BlockElements * (ulong)s.BlockBytes : null;
}
