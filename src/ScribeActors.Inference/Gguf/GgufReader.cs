using System.Globalization;
using System.Text;

namespace ScribeActors.Inference.Gguf;

/// <summary>
/// Reads GGUF files of version 2 and 3 into a <see cref="GgufDocument"/>. Every count and length is checked against
/// the bytes that are actually there, so a corrupt or truncated file raises a <see cref="GgufFormatException"/> that
/// names the file and the problem instead of allocating wildly or reading garbage.
/// </summary>
public static partial class GgufReader
{
    private const int HeaderBytes = 24;
    private const ulong MaxStringBytes = 64UL * 1024 * 1024;

    /// <summary>
    /// Reads the file at <paramref name="path"/>. With <paramref name="loadTensorData"/> false only the header is read
    /// and each tensor reads its data from the file on first use (after checking the file's length is unchanged).
    /// </summary>
    public static GgufDocument Read(string path, bool loadTensorData = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        var length = stream.Length;
        return Read(stream, $"'{full}'", loadTensorData ? null : (offset, count) => ReadAt(full, length, offset, count));
    }

    /// <summary>Reads a whole GGUF from a seekable <paramref name="stream"/> (from its current position to its end), tensor data included.</summary>
    public static GgufDocument Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Read(stream, "the GGUF stream", null);
    }

    private static GgufDocument Read(Stream stream, string source, Func<long, int, byte[]>? lazy)
    {
        var start = stream.Position;
        var length = stream.Length - start;
        if (length < HeaderBytes)
        {
            throw new GgufFormatException($"{source} is {length} bytes, too short for a GGUF header ({HeaderBytes} bytes at least).") { IsTruncation = true };
        }

        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var cursor = new Cursor(reader, source, start, length);
        try
        {
            var magic = reader.ReadBytes(4);
            if (!magic.AsSpan().SequenceEqual("GGUF"u8))
            {
                throw new GgufFormatException($"{source} is not a GGUF file: it starts with {Convert.ToHexString(magic)} instead of the magic 'GGUF'.");
            }

            var version = reader.ReadUInt32();
            if (version is < 2 or > 3)
            {
                throw new GgufFormatException($"{source} has GGUF version {version}; versions 2 and 3 are supported.");
            }

            var document = new GgufDocument { Version = version };
            var tensorCount = reader.ReadUInt64();
            var kvCount = reader.ReadUInt64();

            // The smallest metadata entry is 13 bytes (key length, type, one byte); the smallest tensor info 28.
            cursor.Require(kvCount, 13, "metadata entries");
            cursor.Require(tensorCount, 28, "tensor infos");
            for (ulong i = 0; i < kvCount; i++)
            {
                var key = cursor.String("a metadata key");
                var type = (GgufValueType)reader.ReadUInt32();
                var value = cursor.Value(type, key);
                if (!document.Metadata.TryAdd(key, value))
                {
                    throw new GgufFormatException($"{source} has the metadata key '{key}' twice.");
                }
            }

            var alignment = Alignment(document, source);
            var infos = new List<(string Name, GgmlType Type, ulong[] Dims, ulong Offset)>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (ulong i = 0; i < tensorCount; i++)
            {
                var name = cursor.String("a tensor name");
                var nDims = reader.ReadUInt32();
                if (nDims is 0 or > GgufTensor.MaxDimensions)
                {
                    throw new GgufFormatException($"{source}: tensor '{name}' has {nDims} dimensions; GGUF allows 1 to {GgufTensor.MaxDimensions}.");
                }

                var dims = new ulong[nDims];
                for (var d = 0; d < nDims; d++)
                {
                    dims[d] = reader.ReadUInt64();
                }

                var type = (GgmlType)reader.ReadUInt32();
                var offset = reader.ReadUInt64();
                if (!names.Add(name))
                {
                    throw new GgufFormatException($"{source} has the tensor '{name}' twice.");
                }

                if (offset % alignment != 0)
                {
                    throw new GgufFormatException($"{source}: tensor '{name}' starts at data offset {offset}, not a multiple of the alignment {alignment}.");
                }

                infos.Add((name, type, dims, offset));
            }

            var dataStart = (ulong)(stream.Position - start + alignment - 1) / alignment * alignment;
            foreach (var (name, type, dims, offset) in infos)
            {
                document.Tensors.Add(Tensor(cursor, lazy, start, dataStart, name, type, dims, offset));
            }

            return document;
        }
        catch (EndOfStreamException e)
        {
            throw new GgufFormatException($"{source} is truncated (or its header is corrupt): the data ends inside its GGUF header.", e) { IsTruncation = true };
        }
    }

    private static GgufTensor Tensor(Cursor cursor, Func<long, int, byte[]>? lazy, long start, ulong dataStart, string name, GgmlType type, ulong[] dims, ulong offset)
    {
        ulong bytes;
        try
        {
            bytes = GgmlTypeSizes.Bytes((uint)type, dims.Aggregate(1UL, (a, d) => checked(a * d)))
                ?? throw new GgufFormatException($"{cursor.Source}: tensor '{name}' has ggml type {(uint)type}, which this reader does not know.");
        }
        catch (OverflowException)
        {
            throw new GgufFormatException($"{cursor.Source}: tensor '{name}' has impossible dimensions [{string.Join(", ", dims)}].");
        }

        var end = dataStart + offset + bytes;
        if (end < dataStart || end > (ulong)cursor.Length || bytes > int.MaxValue)
        {
            throw new GgufFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"{cursor.Source} is truncated: its header describes tensor '{name}' up to byte {end} but the file has {cursor.Length}."))
            { IsTruncation = true };
        }

        var at = start + (long)(dataStart + offset);
        try
        {
            return lazy is not null
                ? new GgufTensor(name, type, dims, () => lazy(at, (int)bytes))
                : new GgufTensor(name, type, dims, cursor.BytesAt(at, (int)bytes));
        }
        catch (ArgumentException e)
        {
            throw new GgufFormatException($"{cursor.Source}: {e.Message}", e);
        }
    }

    private static uint Alignment(GgufDocument document, string source)
    {
        try
        {
            return document.Alignment;
        }
        catch (GgufFormatException e)
        {
            throw new GgufFormatException($"{source}: {e.Message}", e);
        }
    }

    private static byte[] ReadAt(string path, long expectedLength, long offset, int count)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        if (stream.Length != expectedLength)
        {
            throw new GgufFormatException($"'{path}' changed after its header was read ({expectedLength} bytes then, {stream.Length} now).");
        }

        var buffer = new byte[count];
        stream.Position = offset;
        stream.ReadExactly(buffer);
        return buffer;
    }
}
