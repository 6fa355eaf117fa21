using ScribeActors.Agent.Datasets;

namespace ScribeActors.Browser.Datasets;

/// <summary>Where a dataset's tasks come from: a set of sites that can be reset to a seed, tasks with expert scripts,
/// and a server-side check of each (the demo sites are one).</summary>
public interface IDatasetTaskSource
{
    /// <summary>Names the source in the dataset's identity, for example <c>demo-sites http://127.0.0.1:5100/</c>.</summary>
    string Name { get; }

    /// <summary>Every task id the source knows, in its order.</summary>
    IReadOnlyList<string> TaskIds { get; }

    /// <summary>Resets the sites to <paramref name="seed"/> and returns the task <paramref name="taskId"/> drawn from it.</summary>
    Task<DatasetTaskInstance> PrepareAsync(string taskId, int seed, CancellationToken cancellationToken);

    /// <summary>The server's verdict on <paramref name="instance"/> after its script ran.</summary>
    Task<DatasetOutcome> CheckAsync(DatasetTaskInstance instance, CancellationToken cancellationToken);
}
