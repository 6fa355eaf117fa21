using System.Runtime.InteropServices;

namespace ScribeActors.Training.Native;

/// <summary><c>struct ggml_init_params</c> (24 bytes, passed by value): arena size, optional caller buffer, and whether
/// tensors get no data of their own (<c>no_alloc</c>, a one-byte C bool followed by 7 bytes of padding).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GgmlInitParams
{
    /// <summary>Bytes of the context's arena (tensor metadata, and tensor data unless <see cref="NoAlloc"/>).</summary>
    public nuint MemSize;

    /// <summary>A caller-owned arena, or null for one allocated by ggml.</summary>
    public IntPtr MemBuffer;

    /// <summary>1 when tensors are created without data (a backend buffer or the scheduler allocates it later).</summary>
    public byte NoAlloc;
}

/// <summary><c>struct ggml_opt_optimizer_params</c> as the shipped binary has it: 7 floats, 28 bytes, no gradient-clip
/// field (verified by disassembly in the feasibility study, §2, and checked at start-up by <see cref="NativeSelfCheck"/>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GgmlOptimizerParams
{
    /// <summary>AdamW learning rate.</summary>
    public float AdamWAlpha;

    /// <summary>AdamW first-moment decay.</summary>
    public float AdamWBeta1;

    /// <summary>AdamW second-moment decay.</summary>
    public float AdamWBeta2;

    /// <summary>AdamW epsilon.</summary>
    public float AdamWEps;

    /// <summary>AdamW decoupled weight decay.</summary>
    public float AdamWWeightDecay;

    /// <summary>SGD learning rate.</summary>
    public float SgdAlpha;

    /// <summary>SGD weight decay.</summary>
    public float SgdWeightDecay;
}

/// <summary><c>struct ggml_opt_params</c> (72 bytes; offsets from the disassembly of <c>ggml_opt_default_params</c>,
/// study §2). The shipped binary has no <c>grad_checkpoint_interval</c> field.</summary>
[StructLayout(LayoutKind.Explicit, Size = 72)]
internal unsafe struct GgmlOptParams
{
    /// <summary>Offset of <see cref="BuildType"/>, checked against the native default at start-up.</summary>
    public const int BuildTypeOffset = 36;

    /// <summary>Offset of <see cref="OptPeriod"/>, checked against the native default at start-up.</summary>
    public const int OptPeriodOffset = 40;

    /// <summary><c>ggml_backend_sched_t</c> that runs the graphs.</summary>
    [FieldOffset(0)] public IntPtr BackendSched;

    /// <summary>No-alloc context holding the forward graph's op tensors (static graphs).</summary>
    [FieldOffset(8)] public IntPtr CtxCompute;

    /// <summary>The graph's input tensor (static graphs).</summary>
    [FieldOffset(16)] public IntPtr Inputs;

    /// <summary>The graph's output tensor (static graphs).</summary>
    [FieldOffset(24)] public IntPtr Outputs;

    /// <summary><c>ggml_opt_loss_type</c>: 0 mean, 1 sum, 2 cross-entropy, 3 mean squared error.</summary>
    [FieldOffset(32)] public int LossType;

    /// <summary><c>ggml_opt_build_type</c>: 10 forward, 20 gradients, 30 optimizer step (default).</summary>
    [FieldOffset(BuildTypeOffset)] public int BuildType;

    /// <summary>Gradient-accumulation steps per optimizer step (default 1).</summary>
    [FieldOffset(OptPeriodOffset)] public int OptPeriod;

    /// <summary>Function pointer <c>ggml_opt_optimizer_params (*)(void* userdata)</c>, called once per optimizer step.</summary>
    [FieldOffset(48)] public delegate* unmanaged<IntPtr, GgmlOptimizerParams> GetOptPars;

    /// <summary>User data passed to <see cref="GetOptPars"/>.</summary>
    [FieldOffset(56)] public IntPtr GetOptParsUserData;

    /// <summary><c>ggml_opt_optimizer_type</c>: 0 AdamW, 1 SGD.</summary>
    [FieldOffset(64)] public int Optimizer;
}

/// <summary>Enum values of this ggml build that the trainer uses (LLamaSharp's <c>GGMLType</c> is stale: it says I32 is 18).</summary>
internal static class GgmlConst
{
    /// <summary><c>GGML_TYPE_F32</c>.</summary>
    public const int TypeF32 = 0;

    /// <summary><c>GGML_TYPE_F16</c>.</summary>
    public const int TypeF16 = 1;

    /// <summary><c>GGML_TYPE_I32</c> in this build (checked with <c>ggml_type_name(26) == "i32"</c>).</summary>
    public const int TypeI32 = 26;

    /// <summary><c>GGML_OPT_LOSS_TYPE_CROSS_ENTROPY</c>.</summary>
    public const int LossCrossEntropy = 2;

    /// <summary><c>GGML_OPT_BUILD_TYPE_OPT</c>.</summary>
    public const int BuildOpt = 30;

    /// <summary><c>GGML_OPT_OPTIMIZER_TYPE_ADAMW</c>.</summary>
    public const int OptimizerAdamW = 0;

    /// <summary><c>GGML_ROPE_TYPE_NORM</c>: the rope mode llama.cpp uses for the llama architecture.</summary>
    public const int RopeNorm = 0;

    /// <summary><c>GGML_DEFAULT_GRAPH_SIZE</c>: the node limit of the static graphs ggml-opt builds.</summary>
    public const int DefaultGraphSize = 2048;
}
