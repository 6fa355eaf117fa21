using Microsoft.Extensions.Logging.Abstractions;
using ScribeActors.Inference.Gguf;

namespace ScribeActors.Inference.Tests.Gguf;

public sealed class GgufRoundTripTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("gguf-rt-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void Read_Stories260K_HasLlamaMetadataAndTensorShapes()
    {
        var document = GgufReader.Read(TestModel.Path);

        Assert.Equal("llama", document.Get("general.architecture").AsString());
        Assert.Equal(64, document.Get("llama.embedding_length").AsInt64());
        var tokens = document.Get("tokenizer.ggml.tokens").AsArray<string>();
        Assert.Equal(512, tokens.Length);
        Assert.Equal("<unk>", tokens[0]);
        Assert.Equal(tokens.Length, document.Get("tokenizer.ggml.scores").AsArray<float>().Length);
        var embedding = document.Tensor("token_embd.weight");
        Assert.Equal(new ulong[] { 64, 512 }, embedding.Dimensions);
        Assert.Equal(GgmlType.F32, embedding.Type);
        Assert.Equal(64 * 512, embedding.GetF32().Length);
        Assert.Contains(embedding.GetF32(), v => v != 0f);
    }

    [Fact]
    public void Write_Stories260K_IsByteIdenticalToTheOriginal()
    {
        var copy = Path.Combine(_temp.FullName, "copy.gguf");

        GgufWriter.Write(GgufReader.Read(TestModel.Path), copy);

        Assert.Equal(File.ReadAllBytes(TestModel.Path), File.ReadAllBytes(copy));
        Assert.Single(_temp.GetFiles());
    }

    [Fact]
    public async Task Write_RewrittenStories260K_LoadsInLlamaSharpAndGeneratesAsTheOriginal()
    {
        var document = GgufReader.Read(TestModel.Path, loadTensorData: false);
        document.Set("general.name", GgufValue.String("rewritten by GgufWriter"));
        var copy = Path.Combine(_temp.FullName, "renamed.gguf");
        GgufWriter.Write(document, copy);
        Assert.NotEqual(File.ReadAllBytes(TestModel.Path), File.ReadAllBytes(copy));

        var request = new GenerationRequest { Prompt = "Once upon a time", MaxTokens = 24, Temperature = 0, Seed = 7 };
        await using var original = await TestModel.LoadAsync(contextSize: 256, sequences: 1);
        await using var rewritten = await LlamaModel.LoadAsync("rewritten", new ModelOptions { Path = copy, ContextSize = 256, Sequences = 1, Threads = 2, BatchSize = 512 }, NullLogger.Instance);
        var expected = await original.GenerateAsync(request, CancellationToken.None);
        var actual = await rewritten.GenerateAsync(request, CancellationToken.None);

        Assert.Equal(expected.Text, actual.Text);
        Assert.True(actual.OutputTokens > 4, $"only {actual.OutputTokens} tokens: '{actual.Text}'");
    }

    [Fact]
    public void Write_ChangedF32Tensor_ReadsBackTheNewValues()
    {
        var document = GgufReader.Read(TestModel.Path);
        var norm = document.Tensor("output_norm.weight");
        var values = norm.GetF32().Select((v, i) => v + i).ToArray();
        norm.SetF32(values);
        var path = Path.Combine(_temp.FullName, "changed.gguf");

        GgufWriter.Write(document, path);

        var reread = GgufReader.Read(path, loadTensorData: false);
        Assert.Equal(values, reread.Tensor("output_norm.weight").GetF32());
        Assert.Equal(document.Tensor("token_embd.weight").GetF32(), reread.Tensor("token_embd.weight").GetF32());
        Assert.Equal(document.Metadata.Keys, reread.Metadata.Keys);
        Assert.All(document.Metadata, kv => Assert.Equal(kv.Value, reread.Metadata[kv.Key]));
    }

    [Fact]
    public void Write_EveryValueType_RoundTripsTypeAndValueInOrder()
    {
        var document = new GgufDocument();
        document.Set("z.u8", GgufValue.Of(GgufValueType.UInt8, (byte)200));
        document.Set("a.i8", GgufValue.Of(GgufValueType.Int8, (sbyte)-5));
        document.Set("u16", GgufValue.Of(GgufValueType.UInt16, (ushort)65000));
        document.Set("i16", GgufValue.Of(GgufValueType.Int16, (short)-30000));
        document.Set("u32", GgufValue.UInt32(4_000_000_000));
        document.Set("i32", GgufValue.Int32(-7));
        document.Set("f32", GgufValue.Float32(1e-5f));
        document.Set("bool", GgufValue.Bool(true));
        document.Set("str", GgufValue.String("▁héllo <0x0A> 日本"));
        document.Set("u64", GgufValue.UInt64(ulong.MaxValue));
        document.Set("i64", GgufValue.Of(GgufValueType.Int64, long.MinValue));
        document.Set("f64", GgufValue.Of(GgufValueType.Float64, Math.PI));
        document.Set("strings", GgufValue.Strings(["<unk>", "", "▁a"]));
        document.Set("ints", GgufValue.Int32s([2, 3, 3, 6]));
        document.Set("floats", GgufValue.Float32s([0f, -1f, float.NegativeInfinity]));
        document.Set("nested", GgufValue.Of(GgufValueType.Array, new[] { GgufValue.Int32s([1, 2]), GgufValue.Int32s([]) }, GgufValueType.Array));
        document.Tensors.Add(GgufTensor.FromF32("w", [3, 2], [1, 2, 3, 4, 5, 6]));
        document.Tensors.Add(new GgufTensor("q", GgmlType.Q8_0, [32], new byte[34]));

        var bytes = ToBytes(document);
        var reread = GgufReader.Read(new MemoryStream(bytes));

        Assert.Equal(document.Metadata.Keys, reread.Metadata.Keys);
        Assert.All(document.Metadata, kv => Assert.Equal(kv.Value, reread.Metadata[kv.Key]));
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, reread.Tensor("w").GetF32());
        Assert.Equal(new ulong[] { 3, 2 }, reread.Tensor("w").Dimensions);
        Assert.Equal(GgmlType.Q8_0, reread.Tensor("q").Type);
        Assert.Equal(bytes, ToBytes(reread));
    }

    [Fact]
    public void Write_AlignmentKey_PlacesTensorDataOnThatAlignment()
    {
        var document = new GgufDocument();
        document.Set(GgufDocument.AlignmentKey, GgufValue.UInt32(64));
        document.Tensors.Add(GgufTensor.FromF32("a", [3], [1, 2, 3]));
        document.Tensors.Add(GgufTensor.FromF32("b", [1], [9]));

        var bytes = ToBytes(document);

        // Data of "b" starts 64 bytes after "a" (12 bytes padded to 64); the file ends on the alignment.
        Assert.Equal(0, bytes.Length % 64);
        Assert.Equal(9f, BitConverter.ToSingle(bytes, bytes.Length - 64));
        Assert.Equal(new float[] { 9 }, GgufReader.Read(new MemoryStream(bytes)).Tensor("b").GetF32());
    }

    internal static byte[] ToBytes(GgufDocument document)
    {
        using var stream = new MemoryStream();
        GgufWriter.Write(document, stream);
        return stream.ToArray();
    }
}
