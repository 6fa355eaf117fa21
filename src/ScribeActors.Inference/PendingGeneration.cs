using System.Diagnostics;
using System.Text;
using LLama;
using LLama.Batched;
using LLama.Native;
using LLama.Sampling;

namespace ScribeActors.Inference;

/// <summary>One request inside <see cref="BatchedDecodeLoop"/>: its tokens, sampler, output so far and completion.</summary>
internal sealed class PendingGeneration : IDisposable
{
    private readonly TaskCompletionSource<GenerationResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _text = new();
    private readonly StreamingTokenDecoder _decoder;
    private readonly IReadOnlyList<string> _stopStrings;
    private readonly CancellationTokenRegistration _registration;
    private readonly long _enqueued = Stopwatch.GetTimestamp();
    private long _admitted;
    private long _firstToken;
    private readonly int _longestStop;
    private int _promptOffset;

    public PendingGeneration(LLamaToken[] promptTokens, int maxTokens, bool hasGrammar, IReadOnlyList<string>? stopStrings,
        DefaultSamplingPipeline pipeline, LLamaWeights weights, CancellationToken cancellationToken)
    {
        PromptTokens = promptTokens;
        MaxTokens = maxTokens;
        HasGrammar = hasGrammar;
        Pipeline = pipeline;
        _stopStrings = stopStrings ?? [];
        _longestStop = _stopStrings.Count == 0 ? 0 : _stopStrings.Max(s => s.Length);
        _decoder = new StreamingTokenDecoder(Encoding.UTF8, weights);
        _registration = cancellationToken.Register(static (state, token) => ((PendingGeneration)state!)._completion.TrySetCanceled(token), this);
    }

    public LLamaToken[] PromptTokens { get; }

    public int MaxTokens { get; }

    public bool HasGrammar { get; }

    public DefaultSamplingPipeline Pipeline { get; }

    public Conversation? Conversation { get; private set; }

    public int OutputTokens { get; private set; }

    public Task<GenerationResult> Task => _completion.Task;

    /// <summary>True once the caller has its answer (result, error or cancellation): the loop only has to clean up.</summary>
    public bool IsDone => _completion.Task.IsCompleted;

    public int PromptRemaining => PromptTokens.Length - _promptOffset;

    public bool PrefillDone => PromptRemaining == 0;

    public void Start(Conversation conversation)
    {
        Conversation = conversation;
        _admitted = Stopwatch.GetTimestamp();
    }

    /// <summary>Queues the next prompt chunk of at most <paramref name="maxChunk"/> tokens.</summary>
    public void FeedPrompt(int maxChunk)
    {
        var count = Math.Min(maxChunk, PromptRemaining);
        Conversation!.Prompt(PromptTokens.AsSpan(_promptOffset, count));
        _promptOffset += count;
    }

    /// <summary>Adds a sampled (non-EOS) token; returns the stop reason when generation should end here, else null.</summary>
    public string? Accept(LLamaToken token)
    {
        if (OutputTokens == 0)
        {
            _firstToken = Stopwatch.GetTimestamp();
        }

        OutputTokens++;
        _decoder.Add(token);
        var before = _text.Length;
        _text.Append(_decoder.Read());
        if (_stopStrings.Count > 0 && TruncateAtStopString(before))
        {
            return StopReasons.StopString;
        }

        return OutputTokens >= MaxTokens ? StopReasons.MaxTokens : null;
    }

    public void Complete(string stopReason)
    {
        var now = Stopwatch.GetTimestamp();
        if (OutputTokens == 0)
        {
            _firstToken = now;
        }

        _completion.TrySetResult(new GenerationResult(
            _text.ToString(),
            PromptTokens.Length,
            OutputTokens,
            Stopwatch.GetElapsedTime(_enqueued, _admitted == 0 ? now : _admitted),
            Stopwatch.GetElapsedTime(_admitted == 0 ? now : _admitted, _firstToken),
            Stopwatch.GetElapsedTime(_firstToken, now),
            stopReason));
    }

    public void Fail(Exception error) => _completion.TrySetException(error);

    public void Dispose()
    {
        _registration.Dispose();
        if (Conversation is { IsDisposed: false })
        {
            Conversation.Dispose();
        }

        Pipeline.Dispose();
    }

    /// <summary>Cuts the text at the earliest stop string that ends in the part added after <paramref name="before"/>.</summary>
    private bool TruncateAtStopString(int before)
    {
        var from = Math.Max(0, before - _longestStop + 1);
        var text = _text.ToString(from, _text.Length - from);
        var cut = -1;
        foreach (var stop in _stopStrings)
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (cut < 0 || at < cut))
            {
                cut = at;
            }
        }

        if (cut < 0)
        {
            return false;
        }

        _text.Length = from + cut;
        return true;
    }
}
