namespace ScribeActors.Grains;

/// <summary>Names of the grain-storage providers the grains use; the silo host registers them.</summary>
public static class StorageNames
{
    /// <summary>Blob-backed grain state (workflows, sessions, schedules, indexes).</summary>
    public const string State = "scribe-state";
}
