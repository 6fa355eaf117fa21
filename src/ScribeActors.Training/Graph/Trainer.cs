using ScribeActors.Training.Models;
using System.Runtime.InteropServices;
using ScribeActors.Training.Native;

namespace ScribeActors.Training.Graph;

/// <summary>
/// Trains a llama model answer-only with ggml-opt (static graphs, AdamW, cross-entropy over the answer positions):
/// warm-up + cosine learning rate per optimizer step, gradient accumulation, the training split shuffled each epoch,
/// validation each epoch with early stopping, progress per batch and cancellation between batches. Every native call
/// runs on one dedicated thread. A native assert aborts the process, so run it in a worker process, not a silo.
/// </summary>
public sealed partial class Trainer : IAsyncDisposable
{
    private readonly NativeThread _thread;
    private readonly TimeProvider _time;
    private IntPtr _backend;
    private IntPtr _sched;
    private IntPtr _opt;
    private LlamaGraph? _graph;
    private readonly LearningRateSchedule _schedule;
    private GCHandle _scheduleHandle;

    private Trainer(TrainerOptions options, TimeProvider time)
    {
        Options = options;
        _time = time;
        _thread = new NativeThread("scribe-trainer");
        _schedule = new LearningRateSchedule(options, 1);
        _scheduleHandle = GCHandle.Alloc(_schedule);
    }

    /// <summary>The options the trainer was created with.</summary>
    public TrainerOptions Options { get; }

    /// <summary>The model's hyper-parameters.</summary>
    public LlamaModelConfig Config => _graph!.Config;

    /// <summary>
    /// Checks the native library (<see cref="NativeLibraryMismatchException"/> when it is not the verified build), then
    /// uploads <paramref name="weights"/> and builds the graph and the optimizer on the trainer's thread. Throws
    /// <see cref="NotSupportedException"/> for a model the graph cannot take.
    /// </summary>
    public static async Task<Trainer> CreateAsync(LlamaWeights weights, TrainerOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        weights.Config.EnsureTrainable();
        var trainer = new Trainer(options, time ?? TimeProvider.System);
        try
        {
            await trainer._thread.RunAsync(() => trainer.Initialize(weights));
            return trainer;
        }
        catch
        {
            await trainer.DisposeAsync();
            throw;
        }
    }

    /// <summary>The current weights (copied from the backend).</summary>
    public Task<LlamaWeights> GetWeightsAsync() => _thread.RunAsync(() => _graph!.ReadWeights());

    /// <summary>Mean cross-entropy and answer-token accuracy of <paramref name="examples"/>, forward only (nothing trains).</summary>
    public Task<(double Loss, double Accuracy)> EvaluateAsync(IReadOnlyList<TrainingExample> examples) => _thread.RunAsync(() =>
    {
        using var dataset = AnswerDataset.Create(examples, _graph!, Options.Pack);
        return Evaluate(dataset);
    });

    /// <summary>The logits at the example's S loss slots, slot-major (<c>[S][vocab]</c> flattened), forward only.</summary>
    public Task<float[]> ComputeLogitsAsync(TrainingExample example) => _thread.RunAsync(() =>
    {
        using var dataset = AnswerDataset.Create([example], _graph!, pack: false);
        var result = GgmlOpt.ResultInit();
        try
        {
            GgmlOpt.Alloc(_opt, backward: false);
            dataset.Load(_opt, 0);
            GgmlOpt.Eval(_opt, result);
            var logits = new float[Config.VocabSize * Options.LossPositions];
            GgmlBackend.Get<float>(_graph!.Logits, logits);
            return logits;
        }
        finally
        {
            GgmlOpt.ResultFree(result);
        }
    });

    /// <summary>
    /// Runs one epoch over <paramref name="examples"/> through the raw native loop (<c>ggml_opt_epoch</c>: no shuffling,
    /// no managed work between batches; packed as training packs them, the mask left as it stands, which costs the same)
    /// and returns the examples' input tokens per second: the ceiling for
    /// <see cref="TrainAsync"/>'s throughput. It trains the weights like any epoch.
    /// </summary>
    public Task<double> MeasureRawEpochAsync(IReadOnlyList<TrainingExample> examples) => _thread.RunAsync(() =>
    {
        using var dataset = AnswerDataset.Create(examples, _graph!, Options.Pack, oneHot: true);
        var result = GgmlOpt.ResultInit();
        try
        {
            var start = _time.GetTimestamp();
            GgmlOpt.Epoch(_opt, dataset.Handle, result, IntPtr.Zero, -1, IntPtr.Zero, IntPtr.Zero);
            return dataset.InputTokens / _time.GetElapsedTime(start).TotalSeconds;
        }
        finally
        {
            GgmlOpt.ResultFree(result);
        }
    });

    /// <summary>Frees every native object on the trainer's thread, then ends it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _thread.RunAsync(() =>
        {
            FreeNative();
            return true;
        });
        _thread.Dispose();
        if (_scheduleHandle.IsAllocated)
        {
            _scheduleHandle.Free();
        }
    }

    private unsafe bool Initialize(LlamaWeights weights)
    {
        NativeSelfCheck.Run();
        _backend = GgmlBackend.CpuInit();
        GgmlBackend.CpuSetThreads(_backend, Options.Threads);
        var backend = _backend;
        _sched = GgmlBackend.SchedNew(&backend, null, 1, GgmlConst.DefaultGraphSize * 4, parallel: false, opOffload: false);
        _graph = LlamaGraph.Create(_backend, weights, Options.Tokens, Options.LossPositions);
        var p = GgmlOpt.DefaultParams(_sched, GgmlConst.LossCrossEntropy);
        p.CtxCompute = _graph.ComputeContext;
        p.Inputs = _graph.Inputs;
        p.Outputs = _graph.Outputs;
        p.OptPeriod = Options.GradientAccumulation;
        p.GetOptPars = LearningRateSchedule.Callback;
        p.GetOptParsUserData = GCHandle.ToIntPtr(_scheduleHandle);
        p.Optimizer = GgmlConst.OptimizerAdamW;
        _opt = GgmlOpt.Init(p);
        return true;
    }

    private (double Loss, double Accuracy) Evaluate(AnswerDataset dataset)
    {
        var result = GgmlOpt.ResultInit();
        try
        {
            for (var i = 0; i < dataset.Count; i++)
            {
                GgmlOpt.Alloc(_opt, backward: false);
                dataset.Load(_opt, i);
                GgmlOpt.Eval(_opt, result);
            }

            return (GgmlOpt.Loss(result), GgmlOpt.Accuracy(result));
        }
        finally
        {
            GgmlOpt.ResultFree(result);
        }
    }

    private void FreeNative()
    {
        if (_opt != IntPtr.Zero)
        {
            GgmlOpt.Free(_opt);
            _opt = IntPtr.Zero;
        }

        _graph?.Dispose();
        _graph = null;
        if (_sched != IntPtr.Zero)
        {
            GgmlBackend.SchedFree(_sched);
            _sched = IntPtr.Zero;
        }

        if (_backend != IntPtr.Zero)
        {
            GgmlBackend.Free(_backend);
            _backend = IntPtr.Zero;
        }
    }
}
