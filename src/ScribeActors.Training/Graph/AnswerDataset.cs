using ScribeActors.Training.Native;

namespace ScribeActors.Training.Graph;

/// <summary>
/// A ggml-opt dataset of answer-only examples, one per datapoint. Slot s of an example with answer length A targets
/// answer token <c>s mod A</c>, predicted at position <c>P - 1 + (s mod A)</c> (P = prompt length), so prompt positions
/// are never a target. Compact (the default): each row is <c>[T tokens | S loss positions | S label ids]</c> (I32), and
/// <see cref="Load(IntPtr, long)"/> turns the label ids into the graph's one-hot labels per batch, so memory grows by
/// <c>(T + 2S) × 4</c> bytes per example instead of the <c>vocab × S × 4</c> of stored one-hot rows (study §8.11).
/// One-hot: rows <c>[T | S]</c> with one-hot label rows, the layout <c>ggml_opt_epoch</c> reads (used to measure the
/// raw native loop). Native: create, use and dispose it on the trainer's thread.
/// </summary>
internal sealed class AnswerDataset : IDisposable
{
    private readonly int _tokens;
    private readonly int _vocab;
    private readonly int[] _row;
    private readonly float[] _oneHot;

    private AnswerDataset(IntPtr handle, int count, int tokens, int lossPositions, int vocab)
    {
        Handle = handle;
        Count = count;
        _tokens = tokens;
        _vocab = vocab;
        _row = new int[tokens + 2 * lossPositions];
        _oneHot = new float[vocab * lossPositions];
    }

    /// <summary>The <c>ggml_opt_dataset_t</c>.</summary>
    public IntPtr Handle { get; private set; }

    /// <summary>Datapoints (examples).</summary>
    public int Count { get; }

    /// <summary>Builds the dataset; throws <see cref="ArgumentException"/> saying how many examples do not fit T and S or hold ids outside the vocabulary.</summary>
    public static AnswerDataset Create(IReadOnlyList<TrainingExample> examples, int tokens, int lossPositions, int vocab, bool oneHot = false)
    {
        Check(examples, tokens, lossPositions, vocab);
        var rowLength = tokens + (oneHot ? 1 : 2) * lossPositions;
        var handle = GgmlOpt.DatasetInit(GgmlConst.TypeI32, GgmlConst.TypeF32, rowLength, oneHot ? (long)vocab * lossPositions : 0, examples.Count, 1);
        var dataset = new AnswerDataset(handle, examples.Count, tokens, lossPositions, vocab);
        var data = GgmlOpt.DatasetData(handle);
        var labels = oneHot ? GgmlOpt.DatasetLabels(handle) : IntPtr.Zero;
        for (var i = 0; i < examples.Count; i++)
        {
            Fill(examples[i], tokens, dataset._row);
            GgmlBackend.Set<int>(data, dataset._row.AsSpan(0, rowLength), (long)i * rowLength);
            if (oneHot)
            {
                dataset.SetOneHot(dataset._row.AsSpan(tokens + lossPositions));
                GgmlBackend.Set<float>(labels, dataset._oneHot, (long)i * dataset._oneHot.Length);
            }
        }

        return dataset;
    }

    /// <summary>Writes one example's compact row <c>[T tokens | S positions | S label ids]</c> (padding tokens are 0).</summary>
    public static void Fill(TrainingExample example, int tokens, Span<int> row)
    {
        ArgumentNullException.ThrowIfNull(example);
        var lossPositions = (row.Length - tokens) / 2;
        row.Clear();
        var p = example.Prompt.Count;
        for (var i = 0; i < example.InputLength; i++)
        {
            row[i] = i < p ? example.Prompt[i] : example.Answer[i - p];
        }

        for (var s = 0; s < lossPositions; s++)
        {
            var j = s % example.Answer.Count;
            row[tokens + s] = p - 1 + j;
            row[tokens + lossPositions + s] = example.Answer[j];
        }
    }

    /// <summary>Copies batch <paramref name="ibatch"/> (in the shuffled order) of a compact dataset into the graph's
    /// inputs and labels.</summary>
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

    /// <summary>Puts one compact row into the graph's inputs and its one-hot labels into the graph's labels.</summary>
    public void Load(IntPtr opt, ReadOnlySpan<int> row)
    {
        var lossPositions = (row.Length - _tokens) / 2;
        GgmlBackend.Set(GgmlOpt.Inputs(opt), row[..(_tokens + lossPositions)]);
        SetOneHot(row[(_tokens + lossPositions)..]);
        GgmlBackend.Set<float>(GgmlOpt.Labels(opt), _oneHot);
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
        for (var s = 0; s < labels.Length; s++)
        {
            _oneHot[s * _vocab + labels[s]] = 1f;
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
