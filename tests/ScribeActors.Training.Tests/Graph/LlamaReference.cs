using System.Text;
using LLama;
using LLama.Common;
using LLama.Native;
using ScribeActors.Training.Native;

namespace ScribeActors.Training.Tests.Graph;

/// <summary>
/// A GGUF run by LLamaSharp itself (llama.cpp's own graph): the independent side of the parity and masking tests,
/// the tokenizer of the test data, and greedy decoding for exact-match counts. F32 K/V cache and no flash attention,
/// as the training graph computes.
/// </summary>
internal sealed class LlamaReference : IDisposable
{
    private readonly LLamaWeights _weights;
    private readonly LLamaContext _context;

    public LlamaReference(string path, uint contextSize = 256)
    {
        NativeSelfCheck.Run(); // configures and loads the native library first, as the trainer does
        var parameters = new ModelParams(path)
        {
            ContextSize = contextSize,
            BatchSize = contextSize,
            UBatchSize = contextSize,
            TypeK = GGMLType.GGML_TYPE_F32,
            TypeV = GGMLType.GGML_TYPE_F32,
            FlashAttention = false,
            Threads = 2,
        };
        _weights = LLamaWeights.LoadFromFile(parameters);
        _context = _weights.CreateContext(parameters);
    }

    public int Vocab => _context.Vocab.Count;

    public int Eos => (int)_context.Vocab.EOS!.Value;

    public int[] Tokenize(string text, bool addBos) =>
        _weights.Tokenize(text, addBos, false, Encoding.UTF8).Select(t => (int)t).ToArray();

    /// <summary>Logits after every token of <paramref name="tokens"/> (row i predicts token i + 1).</summary>
    public float[][] Logits(IReadOnlyList<int> tokens)
    {
        _context.NativeHandle.MemoryClear(true);
        var batch = new LLamaBatch();
        for (var i = 0; i < tokens.Count; i++)
        {
            batch.Add((LLamaToken)tokens[i], i, LLamaSeqId.Zero, true);
        }

        var status = _context.NativeHandle.Decode(batch);
        if (status != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama_decode returned {status}.");
        }

        return Enumerable.Range(0, tokens.Count).Select(i => _context.NativeHandle.GetLogitsIth(i).ToArray()).ToArray();
    }

    /// <summary>Greedy continuation of <paramref name="prompt"/> until EOS (not included) or <paramref name="maxTokens"/>.</summary>
    public int[] Greedy(IReadOnlyList<int> prompt, int maxTokens)
    {
        var tokens = prompt.ToList();
        var output = new List<int>();
        while (output.Count < maxTokens)
        {
            var next = ArgMax(Logits(tokens)[^1]);
            if (next == Eos)
            {
                break;
            }

            output.Add(next);
            tokens.Add(next);
        }

        return [.. output];
    }

    public static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var i = 1; i < row.Length; i++)
        {
            if (row[i] > row[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>−log softmax(<paramref name="logits"/>)[<paramref name="label"/>], in double precision.</summary>
    public static double CrossEntropy(ReadOnlySpan<float> logits, int label)
    {
        double max = double.NegativeInfinity, sum = 0;
        foreach (var v in logits)
        {
            max = Math.Max(max, v);
        }

        foreach (var v in logits)
        {
            sum += Math.Exp(v - max);
        }

        return Math.Log(sum) + max - logits[label];
    }

    public void Dispose()
    {
        _context.Dispose();
        _weights.Dispose();
    }
}
