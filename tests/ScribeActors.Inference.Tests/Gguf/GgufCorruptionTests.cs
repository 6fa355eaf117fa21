using System.Buffers.Binary;
using System.Text;
using ScribeActors.Inference.Gguf;

namespace ScribeActors.Inference.Tests.Gguf;

public sealed class GgufCorruptionTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("gguf-bad-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(5_000)]
    [InlineData(-1)]
    public void Read_TruncatedStories260K_FailsAsTruncation(int keep)
    {
        var bytes = File.ReadAllBytes(TestModel.Path);
        var cut = bytes[..(keep > 0 ? keep : bytes.Length - 1)];

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(cut)));

        Assert.True(error.IsTruncation, error.Message);
        Assert.Contains(keep == 10 ? "too short" : "truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedFileHeaderOnly_NamesTheFileAndTheMissingBytes()
    {
        var bytes = File.ReadAllBytes(TestModel.Path);
        var path = Path.Combine(_temp.FullName, "cut.gguf");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(path, loadTensorData: false));

        Assert.Contains("cut.gguf", error.Message, StringComparison.Ordinal);
        Assert.Contains($"the file has {bytes.Length / 2}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrongMagic_SaysItIsNotGguf()
    {
        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(Encoding.ASCII.GetBytes("These are notes, not a model file."))));

        Assert.Contains("not a GGUF file", error.Message, StringComparison.Ordinal);
        Assert.Contains("54686573", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Version1_NamesTheVersion()
    {
        var bytes = Header(version: 1);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));

        Assert.Contains("version 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ImplausibleMetadataCount_FailsWithoutAllocating()
    {
        var bytes = Header(kvCount: ulong.MaxValue / 2);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));

        Assert.Contains("metadata entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StringClaimingHugeLength_NamesTheKey()
    {
        var bytes = Valid();
        // The first key's length field sits right after the 24-byte header.
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(24), 1UL << 40);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));

        Assert.Contains("metadata key claims 1099511627776 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownValueType_NamesTheKeyAndType()
    {
        var bytes = Valid();
        var keyEnd = 24 + 8 + "general.architecture".Length;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(keyEnd), 99);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));

        Assert.Contains("'general.architecture'", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown value type 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ArrayCountBeyondTheFile_FailsAsCorrupt()
    {
        var document = new GgufDocument();
        document.Set("ints", GgufValue.Int32s([1, 2, 3]));
        var bytes = GgufRoundTripTests.ToBytes(document);
        // header 24 + key (8 + 4) + type 4 + element type 4 → the array count.
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(24 + 12 + 4 + 4), 1_000_000);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));

        Assert.Contains("1000000 elements in the array 'ints'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownTensorType_NamesTheTensor()
    {
        var bytes = Valid();
        // header 24 + "general.architecture" entry (8 + 20 + 4 + 8 + 5) + tensor "w": name 9, n_dims 4, dim 8 → its type.
        const int typeAt = 24 + 45 + 9 + 4 + 8;
        Assert.Equal((uint)GgmlType.F32, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(typeAt)));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(typeAt), 77);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));

        Assert.Contains("tensor 'w'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ggml type 77", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LazyTensorOfAFileChangedSince_FailsInsteadOfReadingOtherBytes()
    {
        var path = Path.Combine(_temp.FullName, "model.gguf");
        File.WriteAllBytes(path, Valid());
        var lazy = GgufReader.Read(path, loadTensorData: false);
        File.WriteAllBytes(path, [.. Valid(), .. new byte[32]]);

        var error = Assert.Throws<GgufFormatException>(() => lazy.Tensor("w").GetF32());

        Assert.Contains("changed after its header was read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FailingMidway_LeavesTheTargetAndNoTemporaryFile()
    {
        var path = Path.Combine(_temp.FullName, "model.gguf");
        File.WriteAllBytes(path, Valid());
        var lazy = GgufReader.Read(path, loadTensorData: false);
        var other = Path.Combine(_temp.FullName, "other.gguf");
        File.WriteAllBytes(other, Valid());
        File.AppendAllText(path, "grown");
        var before = File.ReadAllBytes(path);

        Assert.Throws<GgufFormatException>(() => GgufWriter.Write(lazy, path));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.gguf", "other.gguf"], _temp.GetFiles().Select(f => f.Name).Order());
    }

    private static byte[] Valid()
    {
        var document = new GgufDocument();
        document.Set("general.architecture", GgufValue.String("llama"));
        document.Tensors.Add(GgufTensor.FromF32("w", [2], [1, 2]));
        return GgufRoundTripTests.ToBytes(document);
    }

    private static byte[] Header(uint version = 3, ulong tensorCount = 0, ulong kvCount = 0)
    {
        var bytes = new byte[64];
        "GGUF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), version);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), tensorCount);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(16), kvCount);
        return bytes;
    }
}
