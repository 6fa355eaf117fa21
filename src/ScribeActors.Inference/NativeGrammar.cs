using System.Runtime.InteropServices;
using LLama.Native;

namespace ScribeActors.Inference;

/// <summary>
/// Checks GBNF with llama.cpp's own parser before a sampler uses it. LLamaSharp 0.30 adds the result of
/// <c>llama_sampler_init_grammar</c> to the sampler chain without a null check, so an invalid grammar (syntax error,
/// undefined rule, missing root, left recursion) would crash the process instead of failing one request.
/// </summary>
internal static partial class NativeGrammar
{
    private const string LlamaLibrary = "llama";

    static NativeGrammar()
    {
        // Resolve "llama" to the very library LLamaSharp selected and loaded (through LLamaSharp's own resolver).
        NativeLibrary.SetDllImportResolver(typeof(NativeGrammar).Assembly, static (name, _, searchPath) =>
            name == LlamaLibrary ? NativeLibrary.Load(LlamaLibrary, typeof(NativeApi).Assembly, searchPath) : IntPtr.Zero);
    }

    /// <summary>Returns true when llama.cpp accepts <paramref name="gbnf"/> with root rule <paramref name="root"/> for this model.</summary>
    public static bool IsValid(SafeLlamaModelHandle model, string gbnf, string root)
    {
        var vocab = llama_model_get_vocab(model);
        var sampler = llama_sampler_init_grammar(vocab, gbnf, root);
        if (sampler == IntPtr.Zero)
        {
            return false;
        }

        llama_sampler_free(sampler);
        return true;
    }

#pragma warning disable SYSLIB1054 // DllImport keeps this free of AllowUnsafeBlocks; the calls are rare and cheap to marshal.
    [DllImport(LlamaLibrary, CallingConvention = CallingConvention.Cdecl)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr llama_model_get_vocab(SafeLlamaModelHandle model);

    [DllImport(LlamaLibrary, CallingConvention = CallingConvention.Cdecl)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr llama_sampler_init_grammar(IntPtr vocab, [MarshalAs(UnmanagedType.LPUTF8Str)] string grammar, [MarshalAs(UnmanagedType.LPUTF8Str)] string root);

    [DllImport(LlamaLibrary, CallingConvention = CallingConvention.Cdecl)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern void llama_sampler_free(IntPtr sampler);
#pragma warning restore SYSLIB1054
}
