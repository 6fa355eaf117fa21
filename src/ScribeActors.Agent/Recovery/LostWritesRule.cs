namespace ScribeActors.Agent.Recovery;

/// <summary>
/// A grain's write was refused because the stored copy changed. Either storage lost writes it had acknowledged (an
/// emulator killed and restarted on older data went back to a copy this activation wrote, or the one it started from,
/// or to nothing), and then this activation's copy is still the truth and is written back; or another activation wrote
/// (two activations during a membership change), and then this one is stale and stands down.
/// </summary>
public static class LostWritesRule
{
    /// <param name="recordExists">Whether storage holds a record at all.</param>
    /// <param name="storedWriter">Who wrote the stored copy.</param>
    /// <param name="storedVersion">The stored copy's version.</param>
    /// <param name="mine">This activation's writer id.</param>
    /// <param name="basedOn">Who wrote the copy this activation started from.</param>
    /// <param name="mineVersion">The version this activation is writing.</param>
    public static bool StorageWentBack(bool recordExists, string? storedWriter, long storedVersion, string mine, string? basedOn, long mineVersion) =>
        !recordExists || (storedVersion < mineVersion && (storedWriter == mine || storedWriter == basedOn));
}
