using System.Runtime.InteropServices;

namespace ScribeActors.Training.Native;

/// <summary>
/// P/Invokes into <c>libggml-base</c> for contexts, tensors and the graph operations of the llama forward pass (study §2).
/// All pointers are opaque (<c>ggml_context*</c>, <c>ggml_tensor*</c>); all calls are cdecl; C <c>bool</c> is one byte.
/// The library name is mapped to the exact file LLamaSharp loaded by <see cref="NativeLibraries"/>.
/// </summary>
internal static partial class Ggml
{
    /// <summary>The DllImport name of ggml's core library.</summary>
    public const string Library = "ggml-base";

    [LibraryImport(Library, EntryPoint = "ggml_commit")]
    private static partial IntPtr CommitPtr();

    [LibraryImport(Library, EntryPoint = "ggml_version")]
    private static partial IntPtr VersionPtr();

    [LibraryImport(Library, EntryPoint = "ggml_type_name")]
    private static partial IntPtr TypeNamePtr(int type);

    /// <summary>The short git commit the library was built from.</summary>
    public static string Commit() => Marshal.PtrToStringUTF8(CommitPtr()) ?? string.Empty;

    /// <summary>ggml's version string.</summary>
    public static string Version() => Marshal.PtrToStringUTF8(VersionPtr()) ?? string.Empty;

    /// <summary>The name ggml gives a type id (for example "f32", "i32").</summary>
    public static string TypeName(int type) => Marshal.PtrToStringUTF8(TypeNamePtr(type)) ?? string.Empty;

    [LibraryImport(Library, EntryPoint = "ggml_init")]
    public static partial IntPtr Init(GgmlInitParams parameters);

    [LibraryImport(Library, EntryPoint = "ggml_free")]
    public static partial void Free(IntPtr ctx);

    [LibraryImport(Library, EntryPoint = "ggml_tensor_overhead")]
    public static partial nuint TensorOverhead();

    [LibraryImport(Library, EntryPoint = "ggml_graph_overhead_custom")]
    public static partial nuint GraphOverheadCustom(nuint size, [MarshalAs(UnmanagedType.U1)] bool grads);

    [LibraryImport(Library, EntryPoint = "ggml_new_tensor_1d")]
    public static partial IntPtr NewTensor1d(IntPtr ctx, int type, long ne0);

    [LibraryImport(Library, EntryPoint = "ggml_new_tensor_2d")]
    public static partial IntPtr NewTensor2d(IntPtr ctx, int type, long ne0, long ne1);

    [LibraryImport(Library, EntryPoint = "ggml_set_name", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr SetName(IntPtr tensor, string name);

    [LibraryImport(Library, EntryPoint = "ggml_set_param")]
    public static partial void SetParam(IntPtr tensor);

    [LibraryImport(Library, EntryPoint = "ggml_set_input")]
    public static partial void SetInput(IntPtr tensor);

    [LibraryImport(Library, EntryPoint = "ggml_nbytes")]
    public static partial nuint NBytes(IntPtr tensor);

    [LibraryImport(Library, EntryPoint = "ggml_get_rows")]
    public static partial IntPtr GetRows(IntPtr ctx, IntPtr a, IntPtr rows);

    [LibraryImport(Library, EntryPoint = "ggml_rms_norm")]
    public static partial IntPtr RmsNorm(IntPtr ctx, IntPtr a, float eps);

    [LibraryImport(Library, EntryPoint = "ggml_mul")]
    public static partial IntPtr Mul(IntPtr ctx, IntPtr a, IntPtr b);

    [LibraryImport(Library, EntryPoint = "ggml_add")]
    public static partial IntPtr Add(IntPtr ctx, IntPtr a, IntPtr b);

    [LibraryImport(Library, EntryPoint = "ggml_mul_mat")]
    public static partial IntPtr MulMat(IntPtr ctx, IntPtr a, IntPtr b);

    [LibraryImport(Library, EntryPoint = "ggml_reshape_2d")]
    public static partial IntPtr Reshape2d(IntPtr ctx, IntPtr a, long ne0, long ne1);

    [LibraryImport(Library, EntryPoint = "ggml_reshape_3d")]
    public static partial IntPtr Reshape3d(IntPtr ctx, IntPtr a, long ne0, long ne1, long ne2);

    [LibraryImport(Library, EntryPoint = "ggml_permute")]
    public static partial IntPtr Permute(IntPtr ctx, IntPtr a, int axis0, int axis1, int axis2, int axis3);

    [LibraryImport(Library, EntryPoint = "ggml_transpose")]
    public static partial IntPtr Transpose(IntPtr ctx, IntPtr a);

    [LibraryImport(Library, EntryPoint = "ggml_cont")]
    public static partial IntPtr Cont(IntPtr ctx, IntPtr a);

    [LibraryImport(Library, EntryPoint = "ggml_view_1d")]
    public static partial IntPtr View1d(IntPtr ctx, IntPtr a, long ne0, nuint offset);

    [LibraryImport(Library, EntryPoint = "ggml_cpy")]
    public static partial IntPtr Cpy(IntPtr ctx, IntPtr a, IntPtr b);

    [LibraryImport(Library, EntryPoint = "ggml_silu")]
    public static partial IntPtr Silu(IntPtr ctx, IntPtr a);

    [LibraryImport(Library, EntryPoint = "ggml_soft_max_ext")]
    public static partial IntPtr SoftMaxExt(IntPtr ctx, IntPtr a, IntPtr mask, float scale, float maxBias);

    /// <summary><c>ggml_rope_ext</c> (13 arguments): rotary embedding of <paramref name="a"/> at positions <paramref name="positions"/>.</summary>
    [LibraryImport(Library, EntryPoint = "ggml_rope_ext")]
    public static partial IntPtr RopeExt(
        IntPtr ctx, IntPtr a, IntPtr positions, IntPtr freqFactors, int nDims, int mode, int nCtxOrig,
        float freqBase, float freqScale, float extFactor, float attnFactor, float betaFast, float betaSlow);
}
