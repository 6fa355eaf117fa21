using System.Text;

namespace ScribeActors.Inference.Gguf;

/// <summary>The checked reading of metadata: strings and arrays never claim more bytes than remain.</summary>
public static partial class GgufReader
{
    private sealed class Cursor(BinaryReader reader, string source, long start, long length)
    {
        public string Source => source;

        public long Length => length;

        private long Remaining => length - (reader.BaseStream.Position - start);

        public void Require(ulong count, ulong minBytes, string what)
        {
            // More than the whole file could hold is corruption; more than the rest holds is most likely a cut file.
            if (count > (ulong)length)
            {
                throw new GgufFormatException($"{source} has a corrupt GGUF header: it claims {count} {what}, more than its {length} bytes can hold.");
            }

            if (count > (ulong)Remaining / minBytes)
            {
                throw new EndOfStreamException();
            }
        }

        public string String(string what)
        {
            var size = reader.ReadUInt64();
            if (size > MaxStringBytes || size > (ulong)Remaining)
            {
                throw size > (ulong)Remaining && size <= MaxStringBytes
                    ? new EndOfStreamException()
                    : new GgufFormatException($"{source} has a corrupt GGUF header: {what} claims {size} bytes.");
            }

            var bytes = reader.ReadBytes((int)size);
            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            }
            catch (DecoderFallbackException e)
            {
                throw new GgufFormatException($"{source} has a corrupt GGUF header: {what} is not valid UTF-8.", e);
            }
        }

        public GgufValue Value(GgufValueType type, string key)
        {
            if (type != GgufValueType.Array)
            {
                return GgufValue.Of(type, Scalar(type, key));
            }

            var elementType = (GgufValueType)reader.ReadUInt32();
            var count = reader.ReadUInt64();
            Require(count, elementType is GgufValueType.String or GgufValueType.Array ? 8UL : (ulong)Size(elementType, key), $"elements in the array '{key}'");
            if (elementType == GgufValueType.Array)
            {
                var nested = new GgufValue[count];
                for (ulong i = 0; i < count; i++)
                {
                    nested[i] = Value(GgufValueType.Array, key);
                }

                return GgufValue.Of(type, nested, elementType);
            }

            var array = Array.CreateInstance(GgufValue.ClrType(elementType), (long)count);
            for (ulong i = 0; i < count; i++)
            {
                array.SetValue(Scalar(elementType, key), (long)i);
            }

            return GgufValue.Of(type, array, elementType);
        }

        public byte[] BytesAt(long position, int count)
        {
            reader.BaseStream.Position = position;
            var bytes = new byte[count];
            reader.BaseStream.ReadExactly(bytes);
            return bytes;
        }

        private object Scalar(GgufValueType type, string key) => type switch
        {
            GgufValueType.UInt8 => reader.ReadByte(),
            GgufValueType.Int8 => reader.ReadSByte(),
            GgufValueType.UInt16 => reader.ReadUInt16(),
            GgufValueType.Int16 => reader.ReadInt16(),
            GgufValueType.UInt32 => reader.ReadUInt32(),
            GgufValueType.Int32 => reader.ReadInt32(),
            GgufValueType.Float32 => reader.ReadSingle(),
            GgufValueType.Bool => reader.ReadByte() switch
            {
                0 => false,
                1 => true,
                var b => throw Bad(key, $"a boolean byte {b}"),
            },
            GgufValueType.String => String($"the string value of '{key}'"),
            GgufValueType.UInt64 => reader.ReadUInt64(),
            GgufValueType.Int64 => reader.ReadInt64(),
            GgufValueType.Float64 => reader.ReadDouble(),
            _ => throw Bad(key, $"the unknown value type {(uint)type}"),
        };

        private int Size(GgufValueType type, string key) => type switch
        {
            GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
            GgufValueType.UInt16 or GgufValueType.Int16 => 2,
            GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
            GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 => 8,
            _ => throw Bad(key, $"an array of the unknown value type {(uint)type}"),
        };

        private GgufFormatException Bad(string key, string what) =>
            new($"{source} has a corrupt GGUF header: metadata key '{key}' holds {what}.");
    }
}
