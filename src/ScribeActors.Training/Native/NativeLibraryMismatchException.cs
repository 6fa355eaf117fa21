namespace ScribeActors.Training.Native;

/// <summary>
/// The native llama.cpp/ggml library is missing or is not the build whose struct layouts the trainer was verified
/// against; training refuses to start rather than pass misaligned structs to native code.
/// </summary>
public sealed class NativeLibraryMismatchException : Exception
{
    /// <summary>Creates the exception with an empty message.</summary>
    public NativeLibraryMismatchException()
    {
    }

    /// <summary>Creates the exception with a message that says what differs.</summary>
    public NativeLibraryMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public NativeLibraryMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
