using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Recovery;

/// <summary>What a finished workflow's activation does with the record it reads back from storage.</summary>
public enum StoredEnding
{
    /// <summary>Storage holds the ending (or a later record): nothing to do.</summary>
    Stored,

    /// <summary>Storage lost the ending it acknowledged: the activation writes its own copy back.</summary>
    Lost,
}

/// <summary>
/// A workflow's ending is its last write: nothing writes the record again. Storage that loses writes it acknowledged (an
/// emulator killed and restarted on older data) can lose that ending while the activation that wrote it, still in
/// memory, reports the workflow finished; once that activation is gone, the next one would find the workflow running a
/// few steps back and take those steps again (a download, an approval). So the activation reads the ending back once
/// such storage has had time to lose it, and writes it back when storage holds an older record or none.
/// </summary>
public static class StoredEndingRule
{
    /// <param name="mineVersion">The version of the ending this activation wrote.</param>
    /// <param name="recordExists">Whether storage holds a record at all.</param>
    /// <param name="storedVersion">The stored record's version.</param>
    /// <param name="storedStatus">The stored record's status.</param>
    public static StoredEnding Judge(long mineVersion, bool recordExists, long storedVersion, WorkflowStatus storedStatus) =>
        !recordExists || (storedVersion < mineVersion && storedStatus is WorkflowStatus.Running or WorkflowStatus.Paused or WorkflowStatus.Pending)
            ? StoredEnding.Lost
            : StoredEnding.Stored;
}
