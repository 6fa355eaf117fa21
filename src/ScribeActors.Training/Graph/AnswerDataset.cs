using ScribeActors.Training.Native;

namespace ScribeActors.Training.Graph;

/// <summary>
/// A ggml-opt dataset of answer-only examples, packed into datapoints of T tokens (<see cref="ExamplePacker"/>; one
/// example per datapoint when packing is off). Each example of a datapoint starts its rope positions at 0 and sees only
/// itself (a block-diagonal causal mask, written per datapoint), so it gets the logits it would get alone. The S loss
/// slots of a datapoint go to its examples' answer tokens in order, then repeat them cyclically: slot s of a single
/// example with answer length A targets answer token <c>s mod A</c>, predicted at position <c>P - 1 + (s mod A)</c>
/// (P = prompt length), so prompt positions are never a target. Compact (the default): each row is
/// <c>[T tokens | S loss positions | S label ids | T rope positions]</c> (I32), and <see cref="Load(IntPtr, long)"/>
/// writes the positions and the mask and turns the label ids into the graph's one-hot labels per batch, so memory
/// grows by <c>(2T + 2S) × 4</c> bytes per datapoint instead of the <c>vocab × S × 4</c> of stored one-hot rows
/// (study §8.11). One-hot: rows <c>[T | S]</c> with one-hot label rows, the layout <c>ggml_opt_epoch</c> reads (used to
/// measure the raw native loop, which leaves the mask as it stands). Native: create, use and dispose it on the
/// trainer's thread.
/// </summary>
internal sealed class AnswerDataset : IDisposable
{
    private readonly LlamaGraph _graph;
    private readonly int[] _row;
    private readonly float[] _oneHot;

    private AnswerDataset(IntPtr handle, LlamaGraph graph, int count, long inputTokens)
    {
        Handle = handle;
        _graph = graph;
        Count = count;
        InputTokens = inputTokens;
        _row = new int[RowLength(graph.Tokens, graph.LossPositions)];
        _oneHot = new float[graph.Config.VocabSize * graph.LossPositions];
    }

    /// <summary>The <c>ggml_opt_dataset_t</c>.</summary>
    public IntPtr Handle { get; private set; }

    /// <summary>Datapoints (packs of examples).</summary>
    public int Count { get; }

    /// <summary>The examples' input tokens (padding not counted).</summary>
    public long InputTokens { get; }

    /// <summary>The length of a compact row for T tokens and S loss positions.</summary>
    public static int RowLength(int tokens, int lossPositions) => 2 * tokens + 2 * lossPositions;

    /// <summary>Builds the dataset for <paramref name="graph"/>; throws <see cref="ArgumentException"/> saying how many
    /// examples do not fit T and S or hold ids outside the vocabulary.</summary>
    public static AnswerDataset Create(IReadOnlyList<TrainingExample> examples, LlamaGraph graph, bool pack, bool oneHot = false)
    {
        ArgumentNullException.ThrowIfNull(graph);
        int tokens = graph.Tokens, lossPositions = graph.LossPositions, vocab = graph.Config.VocabSize;
        Check(examples, tokens, lossPositions, vocab);
        var packs = ExamplePacker.Pack(examples, tokens, lossPositions, pack);
        var stored = oneHot ? tokens + lossPositions : RowLength(tokens, lossPositions);
        var handle = GgmlOpt.DatasetInit(GgmlConst.TypeI32, GgmlConst.TypeF32, stored, oneHot ? (long)vocab * lossPositions : 0, packs.Count, 1);
        var dataset = new AnswerDataset(handle, graph, packs.Count, examples.Sum(e => (long)e.InputLength));
        var data = GgmlOpt.DatasetData(handle);
        var labels = oneHot ? GgmlOpt.DatasetLabels(handle) : IntPtr.Zero;
        for (var i = 0; i < packs.Count; i++)
        {
            Fill(packs[i], tokens, dataset._row);
            if (oneHot)
            {
                GgmlBackend.Set<int>(data, dataset._row.AsSpan(0, stored), (long)i * stored);
                dataset.SetOneHot(dataset._row.AsSpan(tokens + lossPositions, lossPositions));
                GgmlBackend.Set<float>(labels, dataset._oneHot, (long)i * dataset._oneHot.Length);
            }
            else
            {
                GgmlBackend.Set<int>(data, dataset._row, (long)i * stored);
            }
        }

        return dataset;
    }

    /// <summary>Writes one example's compact row <c>[T tokens | S positions | S label ids | T rope positions]</c>.</summary>
    public static void Fill(TrainingExample example, int tokens, Span<int> row) => Fill([example], tokens, row);

    /// <summary>Writes a pack's compact row <c>[T tokens | S positions | S label ids | T rope positions]</c>: the
    /// examples one after the other (padding tokens are 0 and form a segment of their own), each with rope positions
    /// from 0, and the loss slots over their answers in order, repeated cyclically.</summary>
    public static void Fill(IReadOnlyList<TrainingExample> pack, int tokens, Span<int> row)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var lossPositions = (row.Length - 2 * tokens) / 2;
        row.Clear();
        var inputs = row[..tokens];
        var slots = row.Slice(tokens, lossPositions);
        var labels = row.Slice(tokens + lossPositions, lossPositions);
        var rope = row.Slice(tokens + 2 * lossPositions, tokens);
        int offset = 0, answers = 0;
        foreach (var example in pack)
        {
            ArgumentNullException.ThrowIfNull(example);
            var p = example.Prompt.Count;
            for (var i = 0; i < example.InputLength; i++)
            {
                inputs[offset + i] = i < p ? example.Prompt[i] : example.Answer[i - p];
                rope[offset + i] = i;
            }

            for (var j = 0; j < example.Answer.Count; j++, answers++)
            {
                slots[answers] = offset + p - 1 + j;
                labels[answers] = example.Answer[j];
            }

            offset += example.InputLength;
        }

        for (var i = offset; i < tokens; i++)
        {
            rope[i] = i - offset;
        }

        for (var s = answers; s < lossPositions; s++)
        {
            slots[s] = slots[s % answers];
            labels[s] = labels[s % answers];
        }
    }

    /// <summary>Copies batch <paramref name="ibatch"/> (in the shuffled order) of a compact dataset into the graph's
    /// inputs, rope positions, mask and labels.</summary>
    public void Load(IntPtr opt, long ibatch)
    {
        unsafe
        {
            fixed (int* row = _row)
            {
                GgmlOpt.DatasetGetBatchHost(Handle, row, (nuint)(_row.Length * sizeof(int)), null, ibatch);
            }
        }

        Load(opt, _row);
    }

    /// <summary>Puts one compact row into the graph's inputs, rope positions and mask, and its one-hot labels into the
    /// graph's labels.</summary>
    public void Load(IntPtr opt, ReadOnlySpan<int> row)
    {
        int tokens = _graph.Tokens, lossPositions = _graph.LossPositions;
        GgmlBackend.Set(GgmlOpt.Inputs(opt), row[..(tokens + lossPositions)]);
        SetOneHot(row.Slice(tokens + lossPositions, lossPositions));
        GgmlBackend.Set<float>(GgmlOpt.Labels(opt), _oneHot);
        _graph.SetPositions(row.Slice(tokens + 2 * lossPositions, tokens));
    }

    /// <summary>Frees the native dataset.</summary>
    public void Dispose()
    {
        if (Handle != IntPtr.Zero)
        {
            GgmlOpt.DatasetFree(Handle);
            Handle = IntPtr.Zero;
        }
    }

    private void SetOneHot(ReadOnlySpan<int> labels)
    {
        Array.Clear(_oneHot);
        var vocab = _graph.Config.VocabSize;
        for (var s = 0; s < labels.Length; s++)
        {
            _oneHot[s * vocab + labels[s]] = 1f;
        }
    }

    private static void Check(IReadOnlyList<TrainingExample> examples, int tokens, int lossPositions, int vocab)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0)
        {
            throw new ArgumentException("The dataset has no examples.", nameof(examples));
        }

        var tooLong = examples.Count(e => e.InputLength > tokens || e.Answer.Count > lossPositions);
        if (tooLong > 0)
        {
            throw new ArgumentException(
                $"{tooLong} of {examples.Count} examples do not fit the graph's {tokens} tokens and {lossPositions} answer positions (the longest needs {examples.Max(e => e.InputLength)} tokens and {examples.Max(e => e.Answer.Count)} positions); raise Tokens/LossPositions or cut those examples.",
                nameof(examples));
        }

        var badIds = examples.Count(e => e.Prompt.Concat(e.Answer).Any(id => id < 0 || id >= vocab));
        if (badIds > 0)
        {
            throw new ArgumentException($"{badIds} of {examples.Count} examples hold token ids outside the model's vocabulary of {vocab}.", nameof(examples));
        }
    }
}
