using System.Threading.Channels;
using LLama;
using LLama.Batched;
using LLama.Common;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace ScribeActors.Inference;

/// <summary>
/// The one decode loop of a local model: every admitted request is a <see cref="Conversation"/> of one
/// <see cref="BatchedExecutor"/>, and each <c>Infer</c> call decodes one token for all of them together (plus prompt
/// chunks of newly admitted ones). At most <c>Sequences</c> run at once; the rest wait in arrival order.
/// </summary>
internal sealed partial class BatchedDecodeLoop : IAsyncDisposable
{
    private readonly Channel<PendingGeneration> _incoming = Channel.CreateUnbounded<PendingGeneration>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<PendingGeneration> _waiting = new();
    private readonly List<PendingGeneration> _active = [];
    private readonly LLamaWeights _weights;
    private readonly ModelParams _contextParams;
    private readonly int _maxSequences;
    private readonly string _modelId;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private BatchedExecutor _executor;

    public BatchedDecodeLoop(string modelId, LLamaWeights weights, ModelParams contextParams, int maxSequences, ILogger logger)
    {
        _modelId = modelId;
        _weights = weights;
        _contextParams = contextParams;
        _maxSequences = maxSequences;
        _logger = logger;
        _executor = new BatchedExecutor(weights, contextParams);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Hands a request to the loop; after disposal the request fails with <see cref="ObjectDisposedException"/>.</summary>
    public void Enqueue(PendingGeneration pending)
    {
        if (!_incoming.Writer.TryWrite(pending))
        {
            pending.Fail(Disposed());
            pending.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_incoming.Writer.TryComplete())
        {
            return;
        }

        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var stop = _stop.Token;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                while (_incoming.Reader.TryRead(out var next))
                {
                    _waiting.Enqueue(next);
                }

                Sweep();
                Admit();
                if (_active.Count == 0)
                {
                    if (!await _incoming.Reader.WaitToReadAsync(stop))
                    {
                        break;
                    }

                    continue;
                }

                FeedPrompts();
                await DecodeAndSampleAsync(stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposal.
        }
        finally
        {
            while (_incoming.Reader.TryRead(out var late))
            {
                _waiting.Enqueue(late);
            }

            FailAll(Disposed());
            _executor.Dispose();
        }
    }

    private async Task DecodeAndSampleAsync(CancellationToken stop)
    {
        try
        {
            if (_executor.BatchedTokenCount > 0)
            {
                var result = await _executor.Infer(stop);
                if (result != DecodeResult.Ok)
                {
                    throw new InvalidOperationException($"llama.cpp decode of model '{_modelId}' failed with {result} ({_active.Count} conversations active).");
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            // The executor's queue still holds the failed batch: start over with a fresh context; the model stays usable.
            LogDecodeFailed(_logger, e, _modelId);
            FailActive(e);
            _executor.Dispose();
            _executor = new BatchedExecutor(_weights, _contextParams);
            return;
        }

        SampleReady();
    }

    private void Sweep()
    {
        for (var i = _active.Count - 1; i >= 0; i--)
        {
            var p = _active[i];
            if (p.IsDone && p.Conversation is not { RequiresInference: true })
            {
                _active.RemoveAt(i);
                p.Dispose();
            }
        }
    }

    private void Admit()
    {
        while (_active.Count < _maxSequences && _waiting.TryDequeue(out var p))
        {
            if (p.IsDone)
            {
                p.Dispose();
                continue;
            }

            p.Start(_executor.Create());
            _active.Add(p);
        }
    }

    private void FeedPrompts()
    {
        var chunk = (int)_executor.Context.BatchSize;
        foreach (var p in _active)
        {
            if (!p.IsDone && !p.PrefillDone && !p.Conversation!.RequiresInference)
            {
                p.FeedPrompt(chunk);
            }
        }
    }

    private void SampleReady()
    {
        var vocab = _weights.Vocab;
        for (var i = _active.Count - 1; i >= 0; i--)
        {
            var p = _active[i];
            if (p.IsDone || !p.PrefillDone || !p.Conversation!.RequiresSampling)
            {
                continue;
            }

            string? stopReason;
            try
            {
                var token = p.Conversation.Sample(p.Pipeline);
                stopReason = token.IsEndOfGeneration(vocab) ? (p.HasGrammar ? StopReasons.GrammarEnd : StopReasons.Eos) : p.Accept(token);
                if (stopReason is null)
                {
                    p.Conversation.Prompt(token);
                    continue;
                }
            }
#pragma warning disable CA1031 // A failure of one request's sampler (e.g. its grammar) fails that request only.
            catch (Exception e)
#pragma warning restore CA1031
            {
                p.Fail(new InvalidOperationException($"Sampling for model '{_modelId}' failed: {e.Message}", e));
                _active.RemoveAt(i);
                p.Dispose();
                continue;
            }

            p.Complete(stopReason);
            _active.RemoveAt(i);
            p.Dispose();
        }
    }

    private void FailActive(Exception error)
    {
        foreach (var p in _active)
        {
            p.Fail(error);
            p.Dispose();
        }

        _active.Clear();
    }

    private void FailAll(Exception error)
    {
        FailActive(error);
        while (_waiting.TryDequeue(out var p))
        {
            p.Fail(error);
            p.Dispose();
        }
    }

    private ObjectDisposedException Disposed() => new(nameof(LlamaModel), $"Model '{_modelId}' was disposed before the request finished.");

    [LoggerMessage(EventId = 1310, Level = LogLevel.Error, Message = "Decoding model {ModelId} failed; its active requests fail and the context is recreated")]
    private static partial void LogDecodeFailed(ILogger logger, Exception exception, string modelId);
}
