using System.Globalization;
using System.Runtime.InteropServices;

namespace ScribeActors.Training.Native;

/// <summary>
/// The start-up check that the loaded ggml is the build whose layouts were verified (study §2, §9): the commit, the
/// I32 type id, the 7 optimizer defaults (a 28-byte struct) and <c>ggml_opt_params</c>' build type and accumulation
/// period at their offsets. Training refuses to start on any difference, because a shifted field would be read as
/// garbage by native code instead of failing.
/// </summary>
internal static class NativeSelfCheck
{
    /// <summary>The llama.cpp commit (tag b10221) inside LLamaSharp.Backend.Cpu 0.30.0, as <c>ggml_commit()</c> reports it.</summary>
    public const string ExpectedCommit = "815a2a591";

    private static readonly float[] DefaultOptimizer = [1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1e-3f, 0f];

    /// <summary>
    /// Loads the native libraries (<see cref="NativeLibraries.EnsureLoaded"/>) and checks them. Returns what was found;
    /// throws <see cref="NativeLibraryMismatchException"/> naming every difference.
    /// </summary>
    public static NativeBuildInfo Run(string expectedCommit = ExpectedCommit)
    {
        var libraries = NativeLibraries.EnsureLoaded();
        var info = new NativeBuildInfo(Ggml.Commit(), Ggml.Version(), libraries);
        var problems = new List<string>();
        if (!info.Commit.StartsWith(expectedCommit, StringComparison.Ordinal))
        {
            problems.Add($"ggml_commit() is '{info.Commit}', expected '{expectedCommit}'");
        }

        var i32 = Ggml.TypeName(GgmlConst.TypeI32);
        if (i32 != "i32")
        {
            problems.Add($"ggml_type_name({GgmlConst.TypeI32}) is '{i32}', expected 'i32'");
        }

        CheckOptimizerDefaults(problems);
        CheckOptDefaults(problems);
        if (problems.Count > 0)
        {
            throw new NativeLibraryMismatchException(
                $"The native ggml library '{libraries.GgmlBase}' (version {info.Version}) is not the build the trainer's struct layouts were verified against: "
                + string.Join("; ", problems)
                + ". Use LLamaSharp.Backend.Cpu 0.30.0 (llama.cpp b10221), or re-verify the layouts in ScribeActors.Training.Native for the new build and update NativeSelfCheck.");
        }

        return info;
    }

    private static void CheckOptimizerDefaults(List<string> problems)
    {
        var p = GgmlOpt.DefaultOptimizerParams(IntPtr.Zero);
        float[] got = [p.AdamWAlpha, p.AdamWBeta1, p.AdamWBeta2, p.AdamWEps, p.AdamWWeightDecay, p.SgdAlpha, p.SgdWeightDecay];
        if (!got.AsSpan().SequenceEqual(DefaultOptimizer))
        {
            problems.Add("ggml_opt_get_default_optimizer_params() returned ["
                + string.Join(", ", got.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))
                + "], expected [" + string.Join(", ", DefaultOptimizer.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]");
        }
    }

    private static unsafe void CheckOptDefaults(List<string> problems)
    {
        var p = GgmlOpt.DefaultParams(IntPtr.Zero, GgmlConst.LossCrossEntropy);
        var bytes = new ReadOnlySpan<byte>(&p, sizeof(GgmlOptParams));
        var buildType = MemoryMarshal.Read<int>(bytes[GgmlOptParams.BuildTypeOffset..]);
        var period = MemoryMarshal.Read<int>(bytes[GgmlOptParams.OptPeriodOffset..]);
        if (p.LossType != GgmlConst.LossCrossEntropy || buildType != GgmlConst.BuildOpt || period != 1)
        {
            problems.Add($"ggml_opt_default_params() has loss_type {p.LossType} at 32, build_type {buildType} at {GgmlOptParams.BuildTypeOffset} and opt_period {period} at {GgmlOptParams.OptPeriodOffset}, expected {GgmlConst.LossCrossEntropy}, {GgmlConst.BuildOpt} and 1");
        }

        var expected = NativeLibrary.GetExport(NativeLibrary.Load(NativeLibraries.EnsureLoaded().GgmlBase), "ggml_opt_get_default_optimizer_params");
        if ((IntPtr)p.GetOptPars != expected)
        {
            problems.Add("ggml_opt_default_params() does not hold ggml_opt_get_default_optimizer_params at offset 48");
        }
    }
}

/// <summary>What the self-check found.</summary>
/// <param name="Commit">The ggml commit of the loaded library.</param>
/// <param name="Version">The ggml version string.</param>
/// <param name="Libraries">The native files in use.</param>
internal sealed record NativeBuildInfo(string Commit, string Version, LoadedNativeLibraries Libraries);
