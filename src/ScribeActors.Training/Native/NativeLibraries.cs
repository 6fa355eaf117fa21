using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using LLama.Native;
using Microsoft.Extensions.Logging.Abstractions;
using ScribeActors.Inference;

namespace ScribeActors.Training.Native;

/// <summary>
/// Makes this assembly's P/Invokes bind to the very files LLamaSharp loaded: LLamaSharp picks a native variant (avx512,
/// avx2, …) or a configured library, so our <c>ggml-base</c> and <c>ggml-cpu</c> names are resolved to the
/// <c>libggml-base</c>/<c>libggml-cpu</c> beside the <c>libllama</c> mapped into this process. Loading the same path
/// again returns the already-loaded handle, so both sides share one ggml (one set of globals, one CPU backend).
/// </summary>
internal static class NativeLibraries
{
    private static readonly Lock Gate = new();
    private static LoadedNativeLibraries? _loaded;

    /// <summary>
    /// Loads llama.cpp through LLamaSharp (configured by <see cref="LlamaNative.EnsureConfigured"/> unless someone did so
    /// already) and installs the resolver once per process. Returns the paths in use. Throws
    /// <see cref="NativeLibraryMismatchException"/> when the loaded <c>libllama</c> or its ggml libraries cannot be found.
    /// </summary>
    public static LoadedNativeLibraries EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded is not null)
            {
                return _loaded;
            }

            LlamaNative.EnsureConfigured(NullLogger.Instance);
            NativeApi.llama_empty_call();
            var llama = FindLoaded("llama")
                ?? throw new NativeLibraryMismatchException("LLamaSharp reported the native library as loaded, but no libllama is mapped into this process.");
            var dir = Path.GetDirectoryName(llama)!;
            var loaded = new LoadedNativeLibraries(llama, Sibling(dir, "ggml-base"), Sibling(dir, "ggml-cpu"));
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
            _loaded = loaded;
            return loaded;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var loaded = _loaded;
        return (loaded, name) switch
        {
            (null, _) => IntPtr.Zero,
            (_, Ggml.Library) => NativeLibrary.Load(loaded.GgmlBase),
            (_, GgmlBackend.CpuLibrary) => NativeLibrary.Load(loaded.GgmlCpu),
            _ => IntPtr.Zero,
        };
    }

    /// <summary>The mapped file of native library <paramref name="stem"/> (libSTEM.so, libSTEM.dylib or STEM.dll), or null.</summary>
    private static string? FindLoaded(string stem)
    {
        using var self = Process.GetCurrentProcess();
        foreach (ProcessModule module in self.Modules)
        {
            var file = module.FileName;
            if (!string.IsNullOrEmpty(file) && IsLibrary(Path.GetFileName(file), stem))
            {
                return file;
            }
        }

        return null;
    }

    private static bool IsLibrary(string fileName, string stem) =>
        fileName == $"lib{stem}.so" || fileName == $"lib{stem}.dylib" || fileName == $"{stem}.dll";

    private static string FileName(string stem) =>
        OperatingSystem.IsWindows() ? $"{stem}.dll" : OperatingSystem.IsMacOS() ? $"lib{stem}.dylib" : $"lib{stem}.so";

    private static string Sibling(string dir, string stem)
    {
        var path = Path.Combine(dir, FileName(stem));
        return File.Exists(path)
            ? path
            : throw new NativeLibraryMismatchException($"The loaded libllama lives in '{dir}', but '{FileName(stem)}' is not beside it; the trainer needs the ggml libraries LLamaSharp loaded.");
    }
}

/// <summary>The native files the trainer's P/Invokes are bound to.</summary>
/// <param name="Llama">The <c>libllama</c> LLamaSharp loaded.</param>
/// <param name="GgmlBase">ggml's core library beside it.</param>
/// <param name="GgmlCpu">ggml's CPU backend beside it.</param>
internal sealed record LoadedNativeLibraries(string Llama, string GgmlBase, string GgmlCpu);
