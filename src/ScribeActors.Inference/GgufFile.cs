using System.Text;

namespace ScribeActors.Inference;

/// <summary>
/// Checks a GGUF file before llama.cpp sees it (llama.cpp may crash or report vaguely on bad files): it must exist, start
/// with the magic <c>GGUF</c>, have a readable header, and be long enough for the tensor data its header describes.
/// </summary>
internal static class GgufFile
{
    private const int MaxStringBytes = 64 * 1024 * 1024;

    /// <summary>Returns why the file is unusable, or null when it looks like a complete GGUF.</summary>
    public static string? Problem(string path)
    {
        if (!File.Exists(path))
        {
            return Directory.Exists(path) ? $"'{path}' is a directory, not a GGUF file." : $"model file '{path}' does not exist.";
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
            var length = stream.Length;
            if (length < 24)
            {
                return $"'{path}' is {length} bytes, too short for a GGUF header (24 bytes at least).";
            }

            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            var magic = reader.ReadBytes(4);
            if (!magic.AsSpan().SequenceEqual("GGUF"u8))
            {
                return $"'{path}' is not a GGUF file: it starts with {Convert.ToHexString(magic)} instead of the magic 'GGUF'.";
            }

            var version = reader.ReadUInt32();
            if (version is < 2 or > 3)
            {
                return $"'{path}' has GGUF version {version}; versions 2 and 3 are supported.";
            }

            return CheckLayout(path, reader, length);
        }
        catch (EndOfStreamException)
        {
            return $"'{path}' is truncated (or its header is corrupt): the file ends inside its GGUF header.";
        }
        catch (InvalidDataException e)
        {
            return $"'{path}' has a corrupt GGUF header: {e.Message}";
        }
        catch (IOException e)
        {
            return $"'{path}' could not be read: {e.Message}";
        }
        catch (UnauthorizedAccessException e)
        {
            return $"'{path}' could not be read: {e.Message}";
        }
    }

    private static string? CheckLayout(string path, BinaryReader reader, long length)
    {
        var tensorCount = reader.ReadUInt64();
        var kvCount = reader.ReadUInt64();
        if (tensorCount > (ulong)length || kvCount > (ulong)length)
        {
            throw new InvalidDataException($"implausible counts ({tensorCount} tensors, {kvCount} metadata entries).");
        }

        ulong alignment = 32;
        for (ulong i = 0; i < kvCount; i++)
        {
            var key = ReadString(reader, length);
            var type = reader.ReadUInt32();
            if (key == "general.alignment" && type == 4)
            {
                alignment = reader.ReadUInt32();
                if (alignment == 0 || (alignment & (alignment - 1)) != 0)
                {
                    throw new InvalidDataException($"general.alignment {alignment} is not a power of two.");
                }
            }
            else
            {
                SkipValue(reader, type, length);
            }
        }

        ulong dataEnd = 0;
        var sizeKnown = true;
        for (ulong i = 0; i < tensorCount; i++)
        {
            _ = ReadString(reader, length);
            var dims = reader.ReadUInt32();
            if (dims > 8)
            {
                throw new InvalidDataException($"a tensor has {dims} dimensions.");
            }

            ulong elements = 1;
            for (var d = 0; d < dims; d++)
            {
                elements = checked(elements * reader.ReadUInt64());
            }

            var type = reader.ReadUInt32();
            var offset = reader.ReadUInt64();
            var bytes = GgmlTypeSizes.Bytes(type, elements);
            sizeKnown &= bytes.HasValue;
            dataEnd = Math.Max(dataEnd, offset + (bytes ?? 0));
        }

        var dataStart = ((ulong)reader.BaseStream.Position + alignment - 1) / alignment * alignment;
        var expected = dataStart + dataEnd;
        if (tensorCount > 0 && (ulong)length < (sizeKnown ? expected : dataStart + 1))
        {
            return $"'{path}' is truncated: its header describes {(sizeKnown ? expected.ToString(System.Globalization.CultureInfo.InvariantCulture) : "more than " + dataStart.ToString(System.Globalization.CultureInfo.InvariantCulture))} bytes but the file has {length}.";
        }

        return null;
    }

    private static string ReadString(BinaryReader reader, long length)
    {
        var size = reader.ReadUInt64();
        if (size > MaxStringBytes)
        {
            throw new InvalidDataException($"a string claims {size} bytes.");
        }

        if ((ulong)reader.BaseStream.Position + size > (ulong)length)
        {
            throw new EndOfStreamException();
        }

        var bytes = reader.ReadBytes((int)size);
        return bytes.Length == (int)size ? Encoding.UTF8.GetString(bytes) : throw new EndOfStreamException();
    }

    private static void SkipValue(BinaryReader reader, uint type, long length)
    {
        switch (type)
        {
            case 0 or 1 or 7: reader.BaseStream.Seek(1, SeekOrigin.Current); break;
            case 2 or 3: reader.BaseStream.Seek(2, SeekOrigin.Current); break;
            case 4 or 5 or 6: reader.BaseStream.Seek(4, SeekOrigin.Current); break;
            case 10 or 11 or 12: reader.BaseStream.Seek(8, SeekOrigin.Current); break;
            case 8: _ = ReadString(reader, length); break;
            case 9:
                var itemType = reader.ReadUInt32();
                var count = reader.ReadUInt64();
                if (count > (ulong)length)
                {
                    throw new EndOfStreamException();
                }

                for (ulong i = 0; i < count; i++)
                {
                    SkipValue(reader, itemType, length);
                }

                break;
            default: throw new InvalidDataException($"unknown metadata value type {type}.");
        }

        if (reader.BaseStream.Position > length)
        {
            throw new EndOfStreamException();
        }
    }
}
