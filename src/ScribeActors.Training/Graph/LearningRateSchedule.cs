using System.Runtime.InteropServices;
using ScribeActors.Training.Native;

namespace ScribeActors.Training.Graph;

/// <summary>
/// Linear warm-up then cosine decay, handed to ggml-opt as its per-step optimizer-parameter callback: ggml-opt calls
/// <see cref="Callback"/> once per optimizer step with a <see cref="GCHandle"/> to this object as user data, and the
/// schedule counts the steps itself.
/// </summary>
internal sealed class LearningRateSchedule
{
    private readonly TrainerOptions _options;
    private int _totalSteps;

    /// <summary>A schedule over <paramref name="totalSteps"/> optimizer steps.</summary>
    public LearningRateSchedule(TrainerOptions options, int totalSteps)
    {
        _options = options;
        Begin(totalSteps);
    }

    /// <summary>Restarts the schedule for a run of <paramref name="totalSteps"/> optimizer steps, at step
    /// <paramref name="firstStep"/> (non-zero when resuming).</summary>
    public void Begin(int totalSteps, int firstStep = 0)
    {
        _totalSteps = Math.Max(totalSteps, 1);
        Steps = firstStep;
        Current = At(firstStep);
    }

    /// <summary>Optimizer steps taken so far (calls of the callback).</summary>
    public int Steps { get; private set; }

    /// <summary>The learning rate of the latest step (the peak before the first).</summary>
    public float Current { get; private set; }

    /// <summary>The native function pointer to put into <c>ggml_opt_params.get_opt_pars</c>.</summary>
    public static unsafe delegate* unmanaged<IntPtr, GgmlOptimizerParams> Callback => &GetParams;

    /// <summary>The learning rate at 0-based optimizer step <paramref name="step"/>.</summary>
    public float At(int step)
    {
        float peak = _options.LearningRate, floor = Math.Min(_options.MinLearningRate, peak);
        var warmup = _options.WarmupSteps;
        if (step < warmup)
        {
            return peak * (step + 1) / warmup;
        }

        var span = Math.Max(_totalSteps - warmup, 1);
        var progress = Math.Clamp((double)(step - warmup) / span, 0, 1);
        return (float)(floor + 0.5 * (peak - floor) * (1 + Math.Cos(Math.PI * progress)));
    }

    private GgmlOptimizerParams Next()
    {
        Current = At(Steps);
        Steps++;
        return new GgmlOptimizerParams
        {
            AdamWAlpha = Current,
            AdamWBeta1 = 0.9f,
            AdamWBeta2 = 0.999f,
            AdamWEps = 1e-8f,
            AdamWWeightDecay = _options.WeightDecay,
            SgdAlpha = Current,
            SgdWeightDecay = _options.WeightDecay,
        };
    }

    [UnmanagedCallersOnly]
    private static GgmlOptimizerParams GetParams(IntPtr userData)
    {
        // An exception must not unwind into native code (the process would die); a lost schedule falls back to ggml's defaults.
        try
        {
            return ((LearningRateSchedule)GCHandle.FromIntPtr(userData).Target!).Next();
        }
#pragma warning disable CA1031
        catch (Exception)
#pragma warning restore CA1031
        {
            return GgmlOpt.DefaultOptimizerParams(IntPtr.Zero);
        }
    }
}
