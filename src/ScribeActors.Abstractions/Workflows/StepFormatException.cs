namespace ScribeActors.Abstractions;

/// <summary>A step block does not follow the ScribeAgent 5-line format; the message names the line and what is wrong.</summary>
public sealed class StepFormatException : FormatException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public StepFormatException()
        : base("The text is not a ScribeAgent step block.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public StepFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public StepFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the line named <paramref name="line"/>.</summary>
    /// <param name="line">The offending line: <c>Number</c>, <c>Description</c>, <c>Action</c>, <c>Node</c> or <c>Target</c>
    /// (or <see langword="null"/> when the block as a whole is wrong).</param>
    /// <param name="message">What is wrong.</param>
    public StepFormatException(string? line, string message)
        : base(message)
    {
        Line = line;
    }

    /// <summary>The offending line (<c>Number</c>, <c>Description</c>, <c>Action</c>, <c>Node</c> or <c>Target</c>), or
    /// <see langword="null"/> when the block as a whole is wrong (empty, extra lines).</summary>
    public string? Line { get; }
}
