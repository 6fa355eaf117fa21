using ScribeActors.Inference.Gguf;

namespace ScribeActors.Inference;

/// <summary>
/// Checks a GGUF file before llama.cpp sees it (llama.cpp may crash or report vaguely on bad files): it must exist, start
/// with the magic <c>GGUF</c>, have a readable header, and be long enough for the tensor data its header describes.
/// The checks are <see cref="GgufReader"/>'s (a header-only read), so the project has one GGUF parser.
/// </summary>
internal static class GgufFile
{
    /// <summary>Returns why the file is unusable, or null when it looks like a complete GGUF.</summary>
    public static string? Problem(string path)
    {
        if (!File.Exists(path))
        {
            return Directory.Exists(path) ? $"'{path}' is a directory, not a GGUF file." : $"model file '{path}' does not exist.";
        }

        try
        {
            _ = GgufReader.Read(path, loadTensorData: false);
            return null;
        }
        catch (GgufFormatException e)
        {
            return e.Message;
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
}
