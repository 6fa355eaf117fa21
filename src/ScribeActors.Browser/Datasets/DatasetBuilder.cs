using ScribeActors.Abstractions;
using ScribeActors.Agent.Datasets;
using ScribeActors.Agent.Recording;
using ScribeActors.Browser.Recording;

namespace ScribeActors.Browser.Datasets;

/// <summary>
/// Builds a dataset: for every task and seed, resets the sites, runs the expert solution through the recorder in a
/// fresh browser session, keeps each step's observation, asks the server whether the task was done, and writes the
/// instance's records (<see cref="DatasetRecordFactory"/>, <see cref="DatasetFolder"/>). An instance whose solution
/// fails or whose check does not pass is reported and the build goes on; a secret's value in a record stops it. The
/// folder's manifest is rewritten after every instance, so the same command resumes an interrupted build.
/// </summary>
public static class DatasetBuilder
{
    /// <summary>Builds the dataset.</summary>
    /// <param name="browsers">The browser host (its secret provider must hold the secrets the scripts type).</param>
    /// <param name="source">The tasks.</param>
    /// <param name="request">What to build.</param>
    /// <param name="time">Measures each instance for the progress lines (never written to the dataset).</param>
    /// <param name="progress">Receives one line per instance.</param>
    /// <param name="cancellationToken">Stops the build; what is written stays and resumes.</param>
    /// <exception cref="ArgumentException">An unknown task id (the message names the known ones), no seeds, or invalid settings.</exception>
    /// <exception cref="DatasetFolderException">The output folder holds something else.</exception>
    /// <exception cref="SecretLeakException">A record would carry a secret's value.</exception>
    public static async Task<DatasetBuildResult> BuildAsync(
        IBrowserHost browsers, IDatasetTaskSource source, DatasetBuildRequest request, TimeProvider time, Action<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(browsers);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(time);
        Validate(source, request);
        var identity = new DatasetIdentity
        {
            Source = source.Name,
            Tasks = request.Tasks,
            Seeds = SeedList.Format(request.Seeds),
            ObservationTokens = request.Settings.ObservationTokens,
            Fitter = request.Settings.Fitter,
            TokenCounter = request.Settings.TokenCounter.Name,
            HeldOutTask = request.HeldOutTask,
            HeldOutSite = request.HeldOutSite,
        };
        var folder = DatasetFolder.Open(request.OutputFolder, identity, new SecretScan(request.Secrets));
        var times = new SortedDictionary<string, TimeSpan>(StringComparer.Ordinal);
        var skipped = 0;
        foreach (var taskId in request.Tasks)
        {
            foreach (var seed in request.Seeds)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = time.GetTimestamp();
                var instance = await source.PrepareAsync(taskId, seed, cancellationToken);
                if (folder.IsDone(instance.Key))
                {
                    skipped++;
                    continue;
                }

                string? line = null;
                for (var attempt = 1; line is null; attempt++)
                {
                    try
                    {
                        line = await RunAsync(browsers, source, instance, folder, request.Settings, cancellationToken);
                    }
                    catch (BrowserUnavailableException e) when (attempt == 1)
                    {
                        // The browser went away under the recording (recycled after its context limit, or it crashed): the
                        // site is reset to the seed and the instance recorded once more in a fresh session.
                        progress?.Invoke($"{instance.Key.Id}: the browser went away ({e.Message}); recording it again");
                        instance = await source.PrepareAsync(taskId, seed, cancellationToken);
                    }
                    catch (BrowserUnavailableException e)
                    {
                        folder.WriteFailure(instance.Key, $"the browser went away twice while recording: {e.Message}");
                        line = $"FAILED: the browser went away twice: {e.Message}";
                    }
                }

                var elapsed = time.GetElapsedTime(started);
                times[instance.Key.Id] = elapsed;
                progress?.Invoke($"{instance.Key.Id}: {line} ({elapsed.TotalSeconds:F1} s)");
            }
        }

        var statistics = folder.Finish(request.Tasks.Count * request.Seeds.Count, request.Settings.TokenCounter);
        return new DatasetBuildResult(statistics, times.Count, skipped, times);
    }

    private static async Task<string> RunAsync(
        IBrowserHost browsers, IDatasetTaskSource source, DatasetTaskInstance instance, DatasetFolder folder, DatasetSettings settings, CancellationToken cancellationToken)
    {
        var observations = new Dictionary<int, Observation>();
        RecordedWorkflow recording;
        try
        {
            recording = await browsers.RecordAsync(
                instance.Objective, instance.StartUrl, instance.Script, instance.AllowedHosts, $"dataset:{instance.Key.Id}",
                observed: (step, observation) => observations[step] = observation, cancellationToken: cancellationToken);
        }
        catch (RecordingException e)
        {
            folder.WriteFailure(instance.Key, $"the expert solution failed: {e.Message}");
            return $"FAILED: {e.Message}";
        }

        var outcome = await source.CheckAsync(instance, cancellationToken);
        if (!outcome.Succeeded)
        {
            folder.WriteFailure(instance.Key, $"the server check did not pass: {outcome.Reason}");
            return $"FAILED the server check: {outcome.Reason}";
        }

        var records = DatasetRecordFactory.Create(instance.Key, recording, observations, outcome, settings);
        folder.WriteInstance(instance.Key, records);
        return $"{records.Count} steps";
    }

    private static void Validate(IDatasetTaskSource source, DatasetBuildRequest request)
    {
        var unknown = request.Tasks.Where(t => !source.TaskIds.Contains(t, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Unknown task id{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}. Known tasks: {string.Join(", ", source.TaskIds)}.",
                nameof(request));
        }

        if (request.Tasks.Count == 0 || request.Seeds.Count == 0)
        {
            throw new ArgumentException(request.Tasks.Count == 0 ? "No task ids to build." : "No seeds to build.", nameof(request));
        }

        if (request.Tasks.Distinct(StringComparer.Ordinal).Count() != request.Tasks.Count)
        {
            throw new ArgumentException($"A task id is listed twice: {string.Join(", ", request.Tasks)}.", nameof(request));
        }

        if (request.Settings.Validate() is [var problem, ..])
        {
            throw new ArgumentException(problem, nameof(request));
        }
    }
}
