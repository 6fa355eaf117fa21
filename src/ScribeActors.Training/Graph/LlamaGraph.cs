using ScribeActors.Training.Models;
using ScribeActors.Training.Native;

namespace ScribeActors.Training.Graph;

/// <summary>
/// The llama forward pass (llama.cpp's <c>LLM_ARCH_LLAMA</c> graph without a KV cache) built from ggml operations, batch 1.
/// Parameters, rope positions, the causal mask (set per datapoint: <see cref="SetPositions"/>) and the input row live in a
/// static context allocated in a CPU backend buffer; the ops
/// live in a no-alloc compute context that ggml-opt extends with the backward graph. The input is one I32 row
/// <c>[T tokens | S loss positions]</c>; the output is the logits at the S positions, <c>[vocab, S]</c>.
/// Not thread-safe: create, use and dispose it on the trainer's native thread.
/// </summary>
internal sealed class LlamaGraph : IDisposable
{
    private readonly Dictionary<string, IntPtr> _params = new(StringComparer.Ordinal);
    private IntPtr _ctxStatic;
    private IntPtr _buffer;
    private IntPtr _ctxCompute;
    private int[] _positions = [];
    private float[] _mask = [];

    private LlamaGraph(LlamaModelConfig config, int tokens, int lossPositions)
    {
        Config = config;
        Tokens = tokens;
        LossPositions = lossPositions;
    }

    /// <summary>The model's hyper-parameters.</summary>
    public LlamaModelConfig Config { get; }

    /// <summary>Tokens per datapoint (T).</summary>
    public int Tokens { get; }

    /// <summary>Loss positions per datapoint (S).</summary>
    public int LossPositions { get; }

    /// <summary>True when the output head is its own tensor (not tied to the embeddings).</summary>
    public bool HasOutput { get; private set; }

    /// <summary>The I32 input tensor <c>[T + S, 1]</c>.</summary>
    public IntPtr Inputs { get; private set; }

    /// <summary>The graph's output: the logits at the S positions, <c>[vocab, S]</c> (a copy into <see cref="Logits"/>).</summary>
    public IntPtr Outputs { get; private set; }

    /// <summary>The statically allocated F32 <c>[vocab, S]</c> that holds the logits after each evaluation.</summary>
    public IntPtr Logits { get; private set; }

    /// <summary>The no-alloc context holding the graph's ops (handed to ggml-opt as <c>ctx_compute</c>).</summary>
    public IntPtr ComputeContext => _ctxCompute;

    /// <summary>Uploads <paramref name="weights"/> into <paramref name="backend"/> and builds the forward graph.
    /// Throws <see cref="NotSupportedException"/> when the config is beyond what the graph takes.</summary>
    public static LlamaGraph Create(IntPtr backend, LlamaWeights weights, int tokens, int lossPositions)
    {
        ArgumentNullException.ThrowIfNull(weights);
        weights.Config.EnsureTrainable();
        ArgumentOutOfRangeException.ThrowIfLessThan(tokens, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(lossPositions, 1);
        var graph = new LlamaGraph(weights.Config, tokens, lossPositions) { HasOutput = weights.HasOutput };
        try
        {
            graph.AllocateStatic(backend, weights);
            graph.BuildForward();
            return graph;
        }
        catch
        {
            graph.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sets the rope positions of the next evaluation and the causal mask they imply: a token sees the tokens of its
    /// own segment, which starts where the position is 0, up to itself (several examples packed into one input each
    /// see only themselves). A no-op when the positions are the ones already set.
    /// </summary>
    public void SetPositions(ReadOnlySpan<int> positions)
    {
        if (positions.Length != Tokens)
        {
            throw new ArgumentException($"The graph takes {Tokens} positions, not {positions.Length}.", nameof(positions));
        }

        if (positions.SequenceEqual(_positions))
        {
            return;
        }

        _positions = positions.ToArray();
        GgmlBackend.Set(_params["rope_positions"], positions);
        WriteMask(positions, _mask);
        GgmlBackend.Set<float>(_params["causal_mask"], _mask);
    }

    /// <summary>The block-diagonal causal mask (row q, column k; 0 or -inf) of <paramref name="positions"/>.</summary>
    public static void WriteMask(ReadOnlySpan<int> positions, Span<float> mask)
    {
        var tokens = positions.Length;
        var start = 0;
        for (var q = 0; q < tokens; q++)
        {
            start = positions[q] == 0 ? q : start;
            var line = mask.Slice(q * tokens, tokens);
            line[..start].Fill(float.NegativeInfinity);
            line[start..(q + 1)].Clear();
            line[(q + 1)..].Fill(float.NegativeInfinity);
        }
    }

    /// <summary>Reads the (trained) parameters back from the backend.</summary>
    public LlamaWeights ReadWeights()
    {
        var tensors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (name, shape) in LlamaWeights.Shapes(Config, HasOutput))
        {
            var data = new float[shape.Aggregate(1L, (a, b) => a * b)];
            GgmlBackend.Get<float>(_params[name], data);
            tensors[name] = data;
        }

        return new LlamaWeights(Config, tensors);
    }

    /// <summary>Frees the contexts and the parameter buffer.</summary>
    public void Dispose()
    {
        if (_ctxCompute != IntPtr.Zero)
        {
            Ggml.Free(_ctxCompute);
            _ctxCompute = IntPtr.Zero;
        }

        if (_buffer != IntPtr.Zero)
        {
            GgmlBackend.BufferFree(_buffer);
            _buffer = IntPtr.Zero;
        }

        if (_ctxStatic != IntPtr.Zero)
        {
            Ggml.Free(_ctxStatic);
            _ctxStatic = IntPtr.Zero;
        }
    }

    private void AllocateStatic(IntPtr backend, LlamaWeights weights)
    {
        var shapes = LlamaWeights.Shapes(Config, HasOutput).ToList();
        _ctxStatic = Ggml.Init(new GgmlInitParams { MemSize = Ggml.TensorOverhead() * (nuint)(shapes.Count + 8), NoAlloc = 1 });
        foreach (var (name, shape) in shapes)
        {
            var t = shape.Length == 1
                ? Ggml.NewTensor1d(_ctxStatic, GgmlConst.TypeF32, shape[0])
                : Ggml.NewTensor2d(_ctxStatic, GgmlConst.TypeF32, shape[0], shape[1]);
            Ggml.SetName(t, name);
            Ggml.SetParam(t);
            _params[name] = t;
        }

        var positions = Ggml.NewTensor1d(_ctxStatic, GgmlConst.TypeI32, Tokens);
        Ggml.SetName(positions, "rope_positions");
        var mask = Ggml.NewTensor2d(_ctxStatic, GgmlConst.TypeF32, Tokens, Tokens);
        Ggml.SetName(mask, "causal_mask");

        // Static graphs need the inputs allocated up front (ggml-opt asserts it), so they live here too.
        Inputs = Ggml.NewTensor2d(_ctxStatic, GgmlConst.TypeI32, Tokens + LossPositions, 1);
        Ggml.SetName(Inputs, "inputs");
        Ggml.SetInput(Inputs);

        // ggml-opt evaluates a copy of the static graph, so the logits are copied into this allocated tensor to be readable.
        Logits = Ggml.NewTensor2d(_ctxStatic, GgmlConst.TypeF32, Config.VocabSize, LossPositions);
        Ggml.SetName(Logits, "logits_out");
        _buffer = GgmlBackend.AllocCtxTensors(_ctxStatic, backend);
        if (_buffer == IntPtr.Zero)
        {
            throw new InsufficientMemoryException("ggml could not allocate the backend buffer for the model's parameters.");
        }

        foreach (var (name, _) in shapes)
        {
            GgmlBackend.Set<float>(_params[name], weights[name]);
        }

        _params["rope_positions"] = positions;
        _params["causal_mask"] = mask;
        _mask = new float[Tokens * Tokens];
        SetPositions(Enumerable.Range(0, Tokens).ToArray());
    }

    private void BuildForward()
    {
        // ggml-opt adds the backward and optimizer graphs (three graphs of 2,048 nodes with grads) to this context.
        var size = Ggml.TensorOverhead() * GgmlConst.DefaultGraphSize * 8 + Ggml.GraphOverheadCustom(GgmlConst.DefaultGraphSize, true) * 4;
        _ctxCompute = Ggml.Init(new GgmlInitParams { MemSize = size, NoAlloc = 1 });
        var ctx = _ctxCompute;
        var tokens = Ggml.View1d(ctx, Inputs, Tokens, 0);
        var lossPositions = Ggml.View1d(ctx, Inputs, LossPositions, (nuint)(Tokens * sizeof(int)));

        var x = Ggml.GetRows(ctx, _params["token_embd.weight"], tokens);
        for (var l = 0; l < Config.BlockCount; l++)
        {
            x = Ggml.Add(ctx, x, Attention(ctx, Norm(ctx, x, $"blk.{l}.attn_norm.weight"), l));
            x = Ggml.Add(ctx, x, FeedForward(ctx, Norm(ctx, x, $"blk.{l}.ffn_norm.weight"), l));
        }

        // Every op after the last block works row by row, so gathering the loss positions first gives the same logits.
        x = Norm(ctx, Ggml.GetRows(ctx, x, lossPositions), "output_norm.weight");
        var logits = Ggml.MulMat(ctx, _params[HasOutput ? "output.weight" : "token_embd.weight"], x);
        Ggml.SetName(logits, "logits");
        Outputs = Ggml.Cpy(ctx, logits, Logits);
    }

    private IntPtr Norm(IntPtr ctx, IntPtr x, string weight) =>
        Ggml.Mul(ctx, Ggml.RmsNorm(ctx, x, Config.RmsEpsilon), _params[weight]);

    private IntPtr Attention(IntPtr ctx, IntPtr cur, int l)
    {
        int hd = Config.HeadDimension, h = Config.HeadCount, hkv = Config.HeadCountKv, t = Tokens;
        var q = Ggml.Reshape3d(ctx, Ggml.MulMat(ctx, _params[$"blk.{l}.attn_q.weight"], cur), hd, h, t);
        var k = Ggml.Reshape3d(ctx, Ggml.MulMat(ctx, _params[$"blk.{l}.attn_k.weight"], cur), hd, hkv, t);
        var v = Ggml.Reshape3d(ctx, Ggml.MulMat(ctx, _params[$"blk.{l}.attn_v.weight"], cur), hd, hkv, t);
        q = Rope(ctx, q);
        k = Rope(ctx, k);

        q = Ggml.Permute(ctx, q, 0, 2, 1, 3);                     // [hd, T, H]
        k = Ggml.Permute(ctx, k, 0, 2, 1, 3);                     // [hd, T, Hkv]
        var kq = Ggml.MulMat(ctx, k, q);                          // [T_k, T_q, H]; GQA by broadcasting K over head groups
        kq = Ggml.SoftMaxExt(ctx, kq, _params["causal_mask"], 1f / MathF.Sqrt(hd), 0f);
        var vt = Ggml.Cont(ctx, Ggml.Permute(ctx, v, 1, 2, 0, 3)); // [T_k, hd, Hkv]
        var kqv = Ggml.MulMat(ctx, vt, kq);                       // [hd, T_q, H]
        var merged = Ggml.Cont(ctx, Ggml.Permute(ctx, kqv, 0, 2, 1, 3)); // [hd, H, T]
        var attn = Ggml.Reshape2d(ctx, merged, Config.EmbeddingLength, t);
        return Ggml.MulMat(ctx, _params[$"blk.{l}.attn_output.weight"], attn);
    }

    private IntPtr Rope(IntPtr ctx, IntPtr x) =>
        Ggml.RopeExt(ctx, x, _params["rope_positions"], IntPtr.Zero, Config.HeadDimension, GgmlConst.RopeNorm, Config.ContextLength,
            Config.RopeFreqBase, freqScale: 1f, extFactor: 0f, attnFactor: 1f, betaFast: 32f, betaSlow: 1f);

    private IntPtr FeedForward(IntPtr ctx, IntPtr cur, int l)
    {
        var gate = Ggml.Silu(ctx, Ggml.MulMat(ctx, _params[$"blk.{l}.ffn_gate.weight"], cur));
        var up = Ggml.MulMat(ctx, _params[$"blk.{l}.ffn_up.weight"], cur);
        return Ggml.MulMat(ctx, _params[$"blk.{l}.ffn_down.weight"], Ggml.Mul(ctx, gate, up));
    }
}
