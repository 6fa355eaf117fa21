namespace ScribeActors.Inference;

/// <summary>A model could not be loaded (missing, truncated or invalid file, native failure). The message says why.</summary>
public sealed class ModelLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelLoadException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ModelLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A prompt does not fit the context of one conversation; other requests are unaffected.</summary>
public sealed class PromptTooLongException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public PromptTooLongException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PromptTooLongException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public PromptTooLongException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Tokens in the prompt.</summary>
    public int PromptTokens { get; init; }

    /// <summary>Tokens one conversation may use.</summary>
    public int ContextSize { get; init; }
}

/// <summary>A remote endpoint failed (after its retries, for transient failures). The message names the endpoint.</summary>
public sealed class RemoteModelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RemoteModelException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RemoteModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public RemoteModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
