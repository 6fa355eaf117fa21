using System.Text;

namespace ScribeActors.Bench;

/// <summary>
/// Writes a llama-architecture GGUF with random weights (F32, or Q8_0 as real deployments quantise) and the tiny test
/// model's tokenizer, for throughput benchmarks only: decoding cost depends on the shapes and the weight type, not on
/// the values. The tiny test model (292,800 parameters) is too small for batching to show: its per-token cost is
/// attention and bookkeeping, not weights; a model whose weights dominate, as every real one does, is what batching is
/// for.
/// </summary>
internal static class SyntheticGguf
{
    private const int Alignment = 32;
    private const int Q8Block = 32;

    /// <summary>GGML tensor types written here.</summary>
    public enum WeightType : uint
    {
        F32 = 0,
        Q8_0 = 8,
    }

    /// <summary>Writes the model (deterministic for the same arguments) and returns its path and parameter count.
    /// Matrices get <paramref name="weights"/>; norms stay F32, as in every GGUF.</summary>
    public static (string Path, long Parameters) Write(
        string tokenizerSource, string directory, int embedding = 512, int layers = 8, int heads = 8, int feedForward = 1408, int context = 2048,
        WeightType weights = WeightType.F32)
    {
        if (weights == WeightType.Q8_0 && (embedding % Q8Block != 0 || feedForward % Q8Block != 0))
        {
            throw new ArgumentException($"Q8_0 needs rows of a multiple of {Q8Block} values; embedding {embedding} and feed-forward {feedForward} are not.");
        }

        var tokenizerKvs = ReadKvsExceptArchitecture(tokenizerSource, out var vocab);
        var tensors = new List<(string Name, long[] Dims)>
        {
            ("token_embd.weight", [embedding, vocab]),
            ("output_norm.weight", [embedding]),
            ("output.weight", [embedding, vocab]),
        };
        for (var i = 0; i < layers; i++)
        {
            tensors.Add(($"blk.{i}.attn_q.weight", [embedding, embedding]));
            tensors.Add(($"blk.{i}.attn_k.weight", [embedding, embedding]));
            tensors.Add(($"blk.{i}.attn_v.weight", [embedding, embedding]));
            tensors.Add(($"blk.{i}.attn_output.weight", [embedding, embedding]));
            tensors.Add(($"blk.{i}.attn_norm.weight", [embedding]));
            tensors.Add(($"blk.{i}.ffn_gate.weight", [embedding, feedForward]));
            tensors.Add(($"blk.{i}.ffn_down.weight", [feedForward, embedding]));
            tensors.Add(($"blk.{i}.ffn_up.weight", [embedding, feedForward]));
            tensors.Add(($"blk.{i}.ffn_norm.weight", [embedding]));
        }

        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, $"synthetic-llama-{embedding}x{layers}-{weights.ToString().ToLowerInvariant()}.gguf");
        WeightType TypeOf(long[] dims) => dims.Length == 1 ? WeightType.F32 : weights;
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write("GGUF"u8);
        writer.Write(3u);
        writer.Write((ulong)tensors.Count);
        writer.Write((ulong)(tokenizerKvs.Count + 8));
        foreach (var kv in tokenizerKvs)
        {
            writer.Write(kv);
        }

        U32(writer, "llama.context_length", (uint)context);
        U32(writer, "llama.embedding_length", (uint)embedding);
        U32(writer, "llama.feed_forward_length", (uint)feedForward);
        U32(writer, "llama.attention.head_count", (uint)heads);
        U32(writer, "llama.attention.head_count_kv", (uint)heads);
        U32(writer, "llama.block_count", (uint)layers);
        U32(writer, "llama.rope.dimension_count", (uint)(embedding / heads));
        Key(writer, "llama.attention.layer_norm_rms_epsilon");
        writer.Write(6u);
        writer.Write(1e-5f);

        ulong offset = 0;
        foreach (var (name, dims) in tensors)
        {
            Str(writer, name);
            writer.Write((uint)dims.Length);
            foreach (var d in dims)
            {
                writer.Write((ulong)d);
            }

            writer.Write((uint)TypeOf(dims));
            writer.Write(offset);
            offset = Align(offset + (ulong)BytesOf(dims, TypeOf(dims)));
        }

        Pad(writer);
        var random = new Random(1234);
        long parameters = 0;
        var buffer = new byte[1 << 16];
        var block = new float[Q8Block];
        foreach (var (name, dims) in tensors)
        {
            var count = dims.Aggregate(1L, (a, b) => a * b);
            parameters += count;
            var norm = name.EndsWith("norm.weight", StringComparison.Ordinal);
            if (TypeOf(dims) == WeightType.Q8_0)
            {
                // Blocks of 32 along a row: an F16 scale, then 32 signed bytes (value = scale * byte).
                for (long b = 0; b < count / Q8Block; b++)
                {
                    var max = 0f;
                    for (var i = 0; i < Q8Block; i++)
                    {
                        block[i] = (float)((random.NextDouble() - 0.5) * 0.04);
                        max = Math.Max(max, Math.Abs(block[i]));
                    }

                    var scale = max / 127f;
                    writer.Write((Half)scale);
                    for (var i = 0; i < Q8Block; i++)
                    {
                        writer.Write((sbyte)Math.Clamp(MathF.Round(scale == 0 ? 0 : block[i] / scale), -127, 127));
                    }
                }

                Pad(writer);
                continue;
            }

            for (long written = 0; written < count;)
            {
                var n = (int)Math.Min(buffer.Length / 4, count - written);
                for (var i = 0; i < n; i++)
                {
                    var value = norm ? 1f : (float)((random.NextDouble() - 0.5) * 0.04);
                    BitConverter.TryWriteBytes(buffer.AsSpan(i * 4, 4), value);
                }

                writer.Write(buffer, 0, n * 4);
                written += n;
            }

            Pad(writer);
        }

        return (path, parameters);
    }

    /// <summary>The raw key-value entries of <paramref name="path"/> except the <c>llama.*</c> architecture ones.</summary>
    private static List<byte[]> ReadKvsExceptArchitecture(string path, out int vocab)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        if (!reader.ReadBytes(4).AsSpan().SequenceEqual("GGUF"u8))
        {
            throw new InvalidDataException($"{path} is not a GGUF file.");
        }

        reader.ReadUInt32();
        reader.ReadUInt64();
        var count = reader.ReadUInt64();
        var kept = new List<byte[]>();
        vocab = 0;
        for (ulong i = 0; i < count; i++)
        {
            var start = reader.BaseStream.Position;
            var key = Encoding.UTF8.GetString(reader.ReadBytes((int)reader.ReadUInt64()));
            var type = reader.ReadUInt32();
            var elements = SkipValue(reader, type);
            if (key == "tokenizer.ggml.tokens")
            {
                vocab = (int)elements;
            }

            var end = reader.BaseStream.Position;
            if (!key.StartsWith("llama.", StringComparison.Ordinal))
            {
                reader.BaseStream.Position = start;
                kept.Add(reader.ReadBytes((int)(end - start)));
            }
        }

        return vocab > 0 ? kept : throw new InvalidDataException($"{path} has no tokenizer.ggml.tokens.");
    }

    private static long SkipValue(BinaryReader reader, uint type)
    {
        switch (type)
        {
            case 0 or 1 or 7: reader.ReadByte(); return 1;
            case 2 or 3: reader.ReadUInt16(); return 1;
            case 4 or 5 or 6: reader.ReadUInt32(); return 1;
            case 10 or 11 or 12: reader.ReadUInt64(); return 1;
            case 8: reader.BaseStream.Seek((long)reader.ReadUInt64(), SeekOrigin.Current); return 1;
            case 9:
                var elementType = reader.ReadUInt32();
                var n = (long)reader.ReadUInt64();
                for (long j = 0; j < n; j++)
                {
                    SkipValue(reader, elementType);
                }

                return n;
            default:
                throw new InvalidDataException($"Unknown GGUF value type {type}.");
        }
    }

    private static void Key(BinaryWriter writer, string key) => Str(writer, key);

    private static void Str(BinaryWriter writer, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }

    private static void U32(BinaryWriter writer, string key, uint value)
    {
        Key(writer, key);
        writer.Write(4u);
        writer.Write(value);
    }

    private static long BytesOf(long[] dims, WeightType type)
    {
        var count = dims.Aggregate(1L, (a, b) => a * b);
        return type == WeightType.Q8_0 ? count / Q8Block * (2 + Q8Block) : count * 4;
    }

    private static ulong Align(ulong value) => (value + Alignment - 1) / Alignment * Alignment;

    private static void Pad(BinaryWriter writer)
    {
        writer.Flush();
        var position = (ulong)writer.BaseStream.Position;
        var padding = (int)(Align(position) - position);
        writer.Write(new byte[padding]);
    }
}
