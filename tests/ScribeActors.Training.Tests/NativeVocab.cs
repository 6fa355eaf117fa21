using System.Text;
using LLama;
using LLama.Common;
using Microsoft.Extensions.Logging.Abstractions;
using ScribeActors.Inference;

namespace ScribeActors.Training.Tests;

/// <summary>llama.cpp's own tokenizer (through LLamaSharp, vocabulary only) for a GGUF file.</summary>
internal sealed class NativeVocab : IDisposable
{
    private readonly LLamaWeights _weights;

    public NativeVocab(string path)
    {
        LlamaNative.EnsureConfigured(NullLogger.Instance);
        _weights = LLamaWeights.LoadFromFile(new ModelParams(path) { VocabOnly = true });
    }

    public int[] Tokenize(string text, bool addBos, bool special) =>
        [.. _weights.Tokenize(text, addBos, special, Encoding.UTF8).Select(t => (int)t)];

    public void Dispose() => _weights.Dispose();
}
