using System.Text;

namespace ScribeActors.Inference.Gguf;

/// <summary>
/// Writes a <see cref="GgufDocument"/> as GGUF version 3: header, metadata in order, tensor infos in order, then the
/// tensor data, each tensor starting on the alignment (<see cref="GgufDocument.Alignment"/>, 32 by default) and padded
/// with zeros. Files are written atomically: to a temporary file beside the target, flushed, then renamed over it.
/// </summary>
public static class GgufWriter
{
    /// <summary>Writes <paramref name="document"/> to <paramref name="path"/> atomically (a reader never sees a half-written file).</summary>
    public static void Write(GgufDocument document, string path)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Write(document, stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Writes <paramref name="document"/> to <paramref name="stream"/> from its current position.</summary>
    public static void Write(GgufDocument document, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(stream);
        var alignment = document.Alignment;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tensor in document.Tensors)
        {
            if (!names.Add(tensor.Name))
            {
                throw new GgufFormatException($"The document has the tensor '{tensor.Name}' twice.");
            }
        }

        var start = stream.Position;
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write("GGUF"u8);
        writer.Write(3u);
        writer.Write((ulong)document.Tensors.Count);
        writer.Write((ulong)document.Metadata.Count);
        foreach (var (key, value) in document.Metadata)
        {
            WriteString(writer, key);
            writer.Write((uint)value.Type);
            WriteValue(writer, value);
        }

        ulong offset = 0;
        foreach (var tensor in document.Tensors)
        {
            WriteString(writer, tensor.Name);
            writer.Write((uint)tensor.Dimensions.Count);
            foreach (var d in tensor.Dimensions)
            {
                writer.Write(d);
            }

            writer.Write((uint)tensor.Type);
            writer.Write(offset);
            offset += Padded(tensor.ByteCount, alignment);
        }

        Pad(writer, alignment, start);
        foreach (var tensor in document.Tensors)
        {
            writer.Write(tensor.GetData().Span);
            Pad(writer, alignment, start);
        }

        writer.Flush();
    }

    private static ulong Padded(ulong size, uint alignment) => (size + alignment - 1) / alignment * alignment;

    private static void Pad(BinaryWriter writer, uint alignment, long start)
    {
        var position = (ulong)(writer.BaseStream.Position - start);
        writer.Write(new byte[Padded(position, alignment) - position]);
    }

    private static void WriteString(BinaryWriter writer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }

    private static void WriteValue(BinaryWriter writer, GgufValue value)
    {
        if (value.Value is Array array)
        {
            writer.Write((uint)value.ElementType!.Value);
            writer.Write((ulong)array.Length);
            foreach (var item in array)
            {
                if (item is GgufValue nested)
                {
                    WriteValue(writer, nested);
                }
                else
                {
                    WriteScalar(writer, item);
                }
            }

            return;
        }

        WriteScalar(writer, value.Value);
    }

    private static void WriteScalar(BinaryWriter writer, object value)
    {
        switch (value)
        {
            case byte v: writer.Write(v); break;
            case sbyte v: writer.Write(v); break;
            case ushort v: writer.Write(v); break;
            case short v: writer.Write(v); break;
            case uint v: writer.Write(v); break;
            case int v: writer.Write(v); break;
            case float v: writer.Write(v); break;
            case bool v: writer.Write(v ? (byte)1 : (byte)0); break;
            case string v: WriteString(writer, v); break;
            case ulong v: writer.Write(v); break;
            case long v: writer.Write(v); break;
            case double v: writer.Write(v); break;
            default: throw new GgufFormatException($"A metadata value of CLR type {value.GetType().Name} has no GGUF type.");
        }
    }
}
