namespace ScribeActors.Testing;

/// <summary>The test GGUF models of <c>../shared/models/</c> beside the repository (never committed to it).</summary>
public static class TestModels
{
    /// <summary>stories260K.gguf: a real 292,800-parameter llama model that writes children's stories. It proves the
    /// mechanics (load, tokenizer, grammar, batching, cancellation), never agent quality.</summary>
    public static string Stories260K => Require("stories260K.gguf");

    /// <summary>The path of <paramref name="file"/> in <c>../shared/models/</c>; fails (never skips) with the path it expected.</summary>
    public static string Require(string file)
    {
        var root = SiloProcess.RepoRoot();
        var path = Path.GetFullPath(Path.Combine(root, "..", "shared", "models", file));
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"The test model {file} is missing: expected it at {path} (the shared/models folder beside the repository; see its README). Tests that need a real GGUF fail without it.");
    }
}
