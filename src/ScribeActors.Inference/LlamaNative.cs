using LLama.Native;
using Microsoft.Extensions.Logging;

namespace ScribeActors.Inference;

/// <summary>
/// Process-wide llama.cpp setup. LLamaSharp's native configuration becomes read-only the moment any LLamaSharp type
/// loads the library (even <c>new ModelParams(...)</c> does), so call <see cref="EnsureConfigured"/> before anything else
/// touches LLamaSharp; <see cref="ModelHost"/> does so in its constructor.
/// </summary>
public static partial class LlamaNative
{
    private static readonly Lock Gate = new();
    private static volatile ILogger? _logger;
    private static LogLevel _lastLevel = LogLevel.Debug;
    private static bool _configured;

    /// <summary>True once <see cref="EnsureConfigured"/> has run in this process.</summary>
    public static bool IsConfigured
    {
        get
        {
            lock (Gate)
            {
                return _configured;
            }
        }
    }

    /// <summary>
    /// Configures native library selection once per process (later calls only return; safe from many threads) and routes
    /// llama.cpp's log to <paramref name="logger"/>: native errors and warnings keep their level, native info becomes
    /// Debug and native debug becomes Trace, so llama.cpp is quiet unless Debug is enabled for this category. The first
    /// caller's logger receives all native messages. With <paramref name="libraryPath"/> (a self-built <c>libllama</c>,
    /// its <c>libggml*</c> beside it) that library is loaded instead of the backend package's.
    /// Throws <see cref="FileNotFoundException"/> when <paramref name="libraryPath"/> does not exist. When the native
    /// library was already loaded by other code, it logs a warning and leaves the configuration as it was.
    /// </summary>
    public static void EnsureConfigured(ILogger logger, string? libraryPath = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        lock (Gate)
        {
            if (_configured)
            {
                return;
            }

            _logger = logger;
            if (NativeLibraryConfig.LLama.LibraryHasLoaded)
            {
                LogAlreadyLoaded(logger);
                NativeLogConfig.llama_log_set(Forward);
                _configured = true;
                return;
            }

            var config = NativeLibraryConfig.All.WithVulkan(false).WithAutoFallback(true).WithLogCallback(Forward);
            if (!string.IsNullOrWhiteSpace(libraryPath))
            {
                var full = Path.GetFullPath(libraryPath);
                if (!File.Exists(full))
                {
                    throw new FileNotFoundException($"{ModelRegistryOptions.NativeLibraryPathKey} points at '{full}', which does not exist.", full);
                }

                var mtmd = Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileName(full).Replace("llama", "mtmd", StringComparison.Ordinal));
                config.WithLibrary(full, File.Exists(mtmd) ? mtmd : null);
                LogCustomLibrary(logger, full);
            }

            _configured = true;
        }
    }

    private static void Forward(LLamaLogLevel level, string message)
    {
        try
        {
            var logger = _logger;
            var text = message.TrimEnd('\n', '\r');
            if (logger is null || text.Length == 0 || text == ".")
            {
                return;
            }

            var mapped = Map(level, _lastLevel);
            _lastLevel = mapped;
            if (logger.IsEnabled(mapped))
            {
                LogNative(logger, mapped, text);
            }
        }
#pragma warning disable CA1031 // A native callback must never throw (it would crash the process), e.g. into a disposed logger.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>llama.cpp level → ILogger level; <c>Continue</c> keeps the level of the message it continues.</summary>
    internal static LogLevel Map(LLamaLogLevel level, LogLevel previous) => level switch
    {
        LLamaLogLevel.Error => LogLevel.Error,
        LLamaLogLevel.Warning => LogLevel.Warning,
        LLamaLogLevel.Info => LogLevel.Debug,
        LLamaLogLevel.Debug => LogLevel.Trace,
        LLamaLogLevel.Continue => previous,
        _ => LogLevel.Trace,
    };

    [LoggerMessage(EventId = 1300, Message = "llama.cpp: {Message}")]
    private static partial void LogNative(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "The llama.cpp native library was loaded before LlamaNative.EnsureConfigured ran; its selection could not be configured")]
    private static partial void LogAlreadyLoaded(ILogger logger);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Using the native llama library {Path}")]
    private static partial void LogCustomLibrary(ILogger logger, string path);
}
