namespace ScribeActors.Inference.Gguf;

/// <summary>A GGUF file (or an in-memory GGUF document) that breaks the format; the message names the problem.</summary>
public sealed class GgufFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public GgufFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public GgufFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public GgufFormatException()
        : base("The GGUF data is invalid.")
    {
    }

    /// <summary>True when the data ends before the header or the tensor data it describes (a truncated file).</summary>
    public bool IsTruncation { get; init; }
}
