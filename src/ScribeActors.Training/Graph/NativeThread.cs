using System.Collections.Concurrent;

namespace ScribeActors.Training.Graph;

/// <summary>
/// One dedicated thread that runs every native call of a trainer. ggml-cpu uses OpenMP, which keeps a thread team per
/// calling thread; calling from thread-pool threads spawns teams and slowed training 2–4x in the feasibility study.
/// </summary>
internal sealed class NativeThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;

    /// <summary>Starts the thread (a background thread, so a forgotten trainer does not keep the process alive).</summary>
    public NativeThread(string name)
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> on the thread; the task completes with its result or exception.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                done.SetResult(work());
            }
#pragma warning disable CA1031 // The exception travels to the awaiting caller.
            catch (Exception e)
#pragma warning restore CA1031
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    /// <summary>Runs the work already queued, then ends the thread.</summary>
    public void Dispose()
    {
        _work.CompleteAdding();
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }

        _work.Dispose();
    }

    private void Loop()
    {
        foreach (var action in _work.GetConsumingEnumerable())
        {
            action();
        }
    }
}
