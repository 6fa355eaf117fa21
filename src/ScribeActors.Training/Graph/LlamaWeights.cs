using ScribeActors.Training.Models;
namespace ScribeActors.Training.Graph;

/// <summary>
/// A llama model's parameters as F32 arrays under their GGUF tensor names (<c>token_embd.weight</c>,
/// <c>blk.N.attn_q.weight</c>, …), with the config that gives their shapes. This is what the graph trains and what is
/// written back into a GGUF after training.
/// </summary>
public sealed class LlamaWeights
{
    private readonly Dictionary<string, float[]> _tensors;

    /// <summary>Wraps <paramref name="tensors"/> (not copied) and checks that every tensor the graph needs is present with
    /// the size the config gives. Throws <see cref="ArgumentException"/> naming the first missing or mis-sized tensor.</summary>
    public LlamaWeights(LlamaModelConfig config, IReadOnlyDictionary<string, float[]> tensors)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(tensors);
        Config = config;
        _tensors = new Dictionary<string, float[]>(tensors, StringComparer.Ordinal);
        foreach (var (name, shape) in Shapes(config, HasOutput))
        {
            if (!_tensors.TryGetValue(name, out var data))
            {
                throw new ArgumentException($"The model has no tensor '{name}'.", nameof(tensors));
            }

            if (data.LongLength != shape[0] * (shape.Length > 1 ? shape[1] : 1))
            {
                throw new ArgumentException($"Tensor '{name}' has {data.LongLength} values; the config needs [{string.Join(", ", shape)}].", nameof(tensors));
            }
        }
    }

    /// <summary>The model's hyper-parameters.</summary>
    public LlamaModelConfig Config { get; }

    /// <summary>False when the output head is tied to the token embeddings (no <c>output.weight</c>).</summary>
    public bool HasOutput => _tensors.ContainsKey("output.weight");

    /// <summary>Every tensor name, in the order the graph and the GGUF writer use.</summary>
    public IEnumerable<string> Names => Shapes(Config, HasOutput).Select(s => s.Name);

    /// <summary>The F32 values of tensor <paramref name="name"/> (ne0 fastest, as in GGUF).</summary>
    public float[] this[string name] => _tensors[name];

    /// <summary>The graph's tensors and their shapes (ne0 first), in GGUF order.</summary>
    public static IEnumerable<(string Name, long[] Shape)> Shapes(LlamaModelConfig config, bool hasOutput)
    {
        ArgumentNullException.ThrowIfNull(config);
        long e = config.EmbeddingLength, v = config.VocabSize, f = config.FeedForwardLength, kv = config.KvWidth;
        yield return ("token_embd.weight", [e, v]);
        yield return ("output_norm.weight", [e]);
        if (hasOutput)
        {
            yield return ("output.weight", [e, v]);
        }

        for (var l = 0; l < config.BlockCount; l++)
        {
            yield return ($"blk.{l}.attn_q.weight", [e, e]);
            yield return ($"blk.{l}.attn_k.weight", [e, kv]);
            yield return ($"blk.{l}.attn_v.weight", [e, kv]);
            yield return ($"blk.{l}.attn_output.weight", [e, e]);
            yield return ($"blk.{l}.attn_norm.weight", [e]);
            yield return ($"blk.{l}.ffn_gate.weight", [e, f]);
            yield return ($"blk.{l}.ffn_down.weight", [f, e]);
            yield return ($"blk.{l}.ffn_up.weight", [e, f]);
            yield return ($"blk.{l}.ffn_norm.weight", [e]);
        }
    }
}
