using ScribeActors.Training.Native;

namespace ScribeActors.Training.Graph;

/// <summary>
/// A ggml-opt dataset of answer-only examples, one per datapoint: the data row is <c>[T tokens | S loss positions]</c>
/// (I32) and the label row is S one-hot rows over the vocabulary (F32). Slot s of an example with answer length A
/// targets answer token <c>s mod A</c>, predicted at position <c>P - 1 + (s mod A)</c> (P = prompt length), so prompt
/// positions are never a target. Native: create, use and dispose it on the trainer's thread.
/// </summary>
internal sealed class AnswerDataset : IDisposable
{
    private AnswerDataset(IntPtr handle, int count)
    {
        Handle = handle;
        Count = count;
    }

    /// <summary>The <c>ggml_opt_dataset_t</c>.</summary>
    public IntPtr Handle { get; private set; }

    /// <summary>Datapoints (examples).</summary>
    public int Count { get; }

    /// <summary>Builds the dataset; throws <see cref="ArgumentException"/> saying how many examples do not fit T and S or hold ids outside the vocabulary.</summary>
    public static AnswerDataset Create(IReadOnlyList<TrainingExample> examples, int tokens, int lossPositions, int vocab)
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

        var handle = GgmlOpt.DatasetInit(GgmlConst.TypeI32, GgmlConst.TypeF32, tokens + lossPositions, (long)vocab * lossPositions, examples.Count, 1);
        var dataset = new AnswerDataset(handle, examples.Count);
        var data = GgmlOpt.DatasetData(handle);
        var labels = GgmlOpt.DatasetLabels(handle);
        var row = new int[tokens + lossPositions];
        var oneHot = new float[vocab * lossPositions];
        for (var i = 0; i < examples.Count; i++)
        {
            Fill(examples[i], tokens, vocab, row, oneHot);
            GgmlBackend.Set<int>(data, row, (long)i * row.Length);
            GgmlBackend.Set<float>(labels, oneHot, (long)i * oneHot.Length);
        }

        return dataset;
    }

    /// <summary>Writes one example's input row and one-hot labels (<paramref name="row"/> is <c>T + S</c> long, <paramref name="oneHot"/> <c>V × S</c>).</summary>
    public static void Fill(TrainingExample example, int tokens, int vocab, Span<int> row, Span<float> oneHot)
    {
        ArgumentNullException.ThrowIfNull(example);
        var lossPositions = row.Length - tokens;
        row.Clear();
        oneHot.Clear();
        var p = example.Prompt.Count;
        for (var i = 0; i < example.InputLength; i++)
        {
            row[i] = i < p ? example.Prompt[i] : example.Answer[i - p];
        }

        for (var s = 0; s < lossPositions; s++)
        {
            var j = s % example.Answer.Count;
            row[tokens + s] = p - 1 + j;
            oneHot[s * vocab + example.Answer[j]] = 1f;
        }
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
}
