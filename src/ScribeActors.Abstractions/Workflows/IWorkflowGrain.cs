namespace ScribeActors.Abstractions;

/// <summary>
/// A durable web workflow. Key: the workflow id, chosen by the caller (the client SDK generates one).
/// </summary>
/// <remarks>
/// State lives in Blob storage and every step phase is persisted, so the workflow survives the death of its silo:
/// a reminder reactivates it elsewhere, and starting silos wake running workflows at once.
/// </remarks>
[Alias("scribe.IWorkflowGrain")]
public interface IWorkflowGrain : IGrainWithStringKey
{
    /// <summary>Starts the workflow. Starting an already started workflow with the same spec returns its snapshot;
    /// with a different spec it throws <see cref="WorkflowConflictException"/>. An invalid spec throws
    /// <see cref="InvalidWorkflowSpecException"/> listing every problem.</summary>
    [Alias("Start")]
    Task<WorkflowSnapshot> StartAsync(WorkflowSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Returns the current snapshot, or throws <see cref="WorkflowNotFoundException"/> when no workflow has this id.</summary>
    [Alias("Get")]
    Task<WorkflowSnapshot> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Returns as soon as the workflow's <see cref="WorkflowSnapshot.Version"/> differs from <paramref name="afterVersion"/>,
    /// or after <paramref name="maxWait"/> (at most 20 s) with the unchanged snapshot. The version only grows, except when
    /// storage lost writes a watcher had already seen: then the workflow resumes from the stored, lower version, and the
    /// next call returns at once with it.</summary>
    [Alias("WaitForChange"), Orleans.Concurrency.AlwaysInterleave]
    Task<WorkflowSnapshot> WaitForChangeAsync(long afterVersion, TimeSpan maxWait, CancellationToken cancellationToken = default);

    /// <summary>Pauses a running workflow after its current step. No effect on a paused or finished workflow.</summary>
    [Alias("Pause")]
    Task<WorkflowSnapshot> PauseAsync();

    /// <summary>Resumes a paused workflow. No effect on a running or finished one.</summary>
    [Alias("Resume")]
    Task<WorkflowSnapshot> ResumeAsync();

    /// <summary>Cancels the workflow at once and closes its browser session. No effect on a finished workflow.</summary>
    [Alias("Cancel")]
    Task<WorkflowSnapshot> CancelAsync(string? reason = null);

    /// <summary>Returns the page observed before step <see cref="StoredObservationRequest.StepIndex"/>, read back from the
    /// artefact store (<see cref="StoredObservation.Dom"/> is <see langword="null"/> when nothing is stored for it). Throws
    /// <see cref="WorkflowNotFoundException"/> for an unknown workflow and <see cref="ArgumentOutOfRangeException"/> for a
    /// step the workflow does not have.</summary>
    [Alias("GetObservation")]
    Task<StoredObservation> GetObservationAsync(StoredObservationRequest request, CancellationToken cancellationToken = default);

    /// <summary>Makes sure a running workflow's loop is going (used after silo failures; harmless otherwise).</summary>
    [Alias("Wake")]
    Task WakeAsync();
}
