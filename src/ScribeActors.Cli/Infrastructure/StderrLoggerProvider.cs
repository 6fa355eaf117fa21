using Microsoft.Extensions.Logging;

namespace ScribeActors.Cli.Infrastructure;

/// <summary>Writes the log messages a CLI user should see (what the connection waits for) as plain
/// <c>scribe: …</c> lines on stderr, leaving stdout to the command's output.</summary>
internal sealed class StderrLoggerProvider(TextWriter error) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(error);

    public void Dispose()
    {
    }

    private sealed class Logger(TextWriter error) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                error.WriteLine($"scribe: {formatter(state, exception)}");
            }
        }
    }
}
