using System.Globalization;
using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Datasets;

/// <summary>
/// Exports stored workflow runs as a dataset (<c>scribe dataset from-runs</c>): every run with the asked status (and
/// created since the asked moment) becomes an instance whose records <see cref="RunRecords"/> builds from the run's
/// stored observations, written, split, exported and summarised exactly as a built dataset (<see cref="DatasetFolder"/>),
/// split by workflow id. Runs are taken in workflow id order, so the same runs give the same bytes; an export into a
/// folder that holds the same export skips the runs already there and adds the new ones. A run that cannot be exported
/// (an observation missing from the store) is reported in the statistics and the export goes on; a secret's value in any
/// byte stops it. The cluster's index lists the newest 10,000 finished workflows; exporting into the same folder now and
/// then keeps the older runs (they stay in the folder when they leave the index).
/// </summary>
public static class RunDatasetExport
{
    /// <summary>Exports the runs.</summary>
    /// <param name="source">The stored runs.</param>
    /// <param name="request">What to export.</param>
    /// <param name="progress">Receives one line per run.</param>
    /// <param name="cancellationToken">Stops the export; what is written stays and resumes.</param>
    /// <exception cref="ArgumentException">Invalid settings.</exception>
    /// <exception cref="DatasetFolderException">The output folder holds something else.</exception>
    /// <exception cref="SecretLeakException">A record would carry a secret's value.</exception>
    public static async Task<RunExportResult> ExportAsync(
        IDatasetRunSource source, RunExportRequest request, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Settings.Validate() is [var problem, ..])
        {
            throw new ArgumentException(problem, nameof(request));
        }

        var since = request.Since is { } s ? string.Create(CultureInfo.InvariantCulture, $" since {s.ToUniversalTime():O}") : "";
        var identity = new DatasetIdentity
        {
            Source = $"runs of {source.Name}: {request.Status}{since}",
            Tasks = [],
            Seeds = "",
            ObservationTokens = request.Settings.ObservationTokens,
            Fitter = request.Settings.Fitter,
            TokenCounter = request.Settings.TokenCounter.Name,
            HeldOutTask = request.HeldOutTask,
            HeldOutSite = request.HeldOutSite,
        };
        var folder = DatasetFolder.Open(request.OutputFolder, identity, new SecretScan(request.Secrets));
        var listed = await source.ListAsync(request.Status, cancellationToken);
        var runs = listed
            .Where(r => r.Status == request.Status && (request.Since is not { } from || r.CreatedAt >= from))
            .Select(r => r.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        int exported = 0, skipped = 0, failed = 0;
        foreach (var id in runs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var run = await source.GetAsync(id, cancellationToken);
            var key = RunRecords.Key(run);
            if (folder.IsDone(key))
            {
                skipped++;
                continue;
            }

            var observations = new Dictionary<int, StoredObservation>();
            foreach (var step in RunRecords.PerformedSteps(run))
            {
                observations[step.Index] = await source.GetObservationAsync(id, step.Index, cancellationToken);
            }

            try
            {
                var records = RunRecords.Create(run, observations, request.Settings);
                folder.WriteInstance(key, records);
                exported++;
                progress?.Invoke($"{id}: {records.Count} steps ({key.Task})");
            }
            catch (ArgumentException e)
            {
                folder.WriteFailure(key, e.Message);
                failed++;
                progress?.Invoke($"{id}: FAILED: {e.Message}");
            }
        }

        var statistics = folder.Finish(runs.Count, request.Settings.TokenCounter);
        return new RunExportResult(statistics, exported, skipped, failed);
    }
}
