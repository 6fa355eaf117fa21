using System.Runtime.InteropServices;

namespace ScribeActors.Training.Native;

/// <summary>P/Invokes for ggml's backend layer (<c>libggml-base</c>) and the CPU backend (<c>libggml-cpu</c>).</summary>
internal static unsafe partial class GgmlBackend
{
    /// <summary>The DllImport name of ggml's CPU backend.</summary>
    public const string CpuLibrary = "ggml-cpu";

    [LibraryImport(CpuLibrary, EntryPoint = "ggml_backend_cpu_init")]
    public static partial IntPtr CpuInit();

    [LibraryImport(CpuLibrary, EntryPoint = "ggml_backend_cpu_set_n_threads")]
    public static partial void CpuSetThreads(IntPtr backend, int threads);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_backend_free")]
    public static partial void Free(IntPtr backend);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_backend_alloc_ctx_tensors")]
    public static partial IntPtr AllocCtxTensors(IntPtr ctx, IntPtr backend);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_backend_buffer_free")]
    public static partial void BufferFree(IntPtr buffer);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_backend_tensor_set")]
    public static partial void TensorSet(IntPtr tensor, void* data, nuint offset, nuint size);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_backend_tensor_get")]
    public static partial void TensorGet(IntPtr tensor, void* data, nuint offset, nuint size);

    /// <summary><c>ggml_backend_sched_new(backends, bufts, n_backends, graph_size, parallel, op_offload)</c>.</summary>
    [LibraryImport(Ggml.Library, EntryPoint = "ggml_backend_sched_new")]
    public static partial IntPtr SchedNew(
        IntPtr* backends, IntPtr* bufferTypes, int count, nuint graphSize,
        [MarshalAs(UnmanagedType.U1)] bool parallel, [MarshalAs(UnmanagedType.U1)] bool opOffload);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_backend_sched_free")]
    public static partial void SchedFree(IntPtr sched);

    /// <summary>Copies <paramref name="values"/> into a tensor's backend memory.</summary>
    public static void Set<T>(IntPtr tensor, ReadOnlySpan<T> values, long offsetElements = 0)
        where T : unmanaged
    {
        fixed (T* p = values)
        {
            TensorSet(tensor, p, (nuint)(offsetElements * sizeof(T)), (nuint)(values.Length * sizeof(T)));
        }
    }

    /// <summary>Copies a tensor's backend memory into <paramref name="values"/>.</summary>
    public static void Get<T>(IntPtr tensor, Span<T> values, long offsetElements = 0)
        where T : unmanaged
    {
        fixed (T* p = values)
        {
            TensorGet(tensor, p, (nuint)(offsetElements * sizeof(T)), (nuint)(values.Length * sizeof(T)));
        }
    }
}
