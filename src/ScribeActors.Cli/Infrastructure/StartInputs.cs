using System.Diagnostics.CodeAnalysis;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Recording;

namespace ScribeActors.Cli.Infrastructure;

/// <summary>What <c>scribe start</c> needs before it builds a spec: the objective, the start URL and the step source, from
/// the options or, where an option is not given, from the replay file.</summary>
internal sealed record StartInputs(string Objective, string StartUrl, StepSourceSpec Source)
{
    /// <summary>Resolves the inputs, or says in <paramref name="problem"/> which one is missing or wrong and how to give it.
    /// Throws what <see cref="RecordedWorkflowFile.Load"/> throws for an unreadable replay file.</summary>
    public static bool TryResolve(string? objective, string? url, FileInfo? replay, string? model, FileInfo? modelPath, ModelStepOptions options,
        [NotNullWhen(true)] out StartInputs? inputs, out string problem)
    {
        inputs = null;
        if (!TryModel(model, modelPath, options, out var modelRef, out problem))
        {
            return false;
        }

        var recording = replay is null ? null : RecordedWorkflowFile.Load(replay.FullName);
        if (recording is null && modelRef is null)
        {
            problem = "Give --replay FILE, --model ID or --model-path FILE.gguf: the workflow needs a step source.";
            return false;
        }

        objective = NonEmpty(objective) ?? NonEmpty(recording?.Objective);
        var urlSource = NonEmpty(url) is not null ? "--url" : $"startUrl of replay file '{replay?.Name}'";
        url = NonEmpty(url) ?? NonEmpty(recording?.StartUrl);
        if (objective is null || url is null)
        {
            var missing = (objective, url) switch
            {
                (null, null) => "--objective and --url",
                (null, _) => "--objective",
                _ => "--url",
            };
            problem = recording is null
                ? $"Give {missing} (or --replay FILE, whose recording carries both)."
                : $"Give {missing}: replay file '{replay!.Name}' does not carry {(missing.Contains("and", StringComparison.Ordinal) ? "them" : "it")}.";
            return false;
        }

        if (RelativeUrlProblem(url, urlSource) is { } relative)
        {
            problem = relative;
            return false;
        }

        var source = recording is null ? StepSourceSpec.ForModel(modelRef!) : StepSourceSpec.ForReplay(recording, modelRef);
        inputs = new StartInputs(objective, url, source);
        return true;
    }

    /// <summary>Why <paramref name="url"/> is not an absolute URL, or <see langword="null"/> when it is one. On Unix
    /// <see cref="Uri"/> reads a path such as <c>/supplier/login</c> as an absolute <c>file://</c> URI, so without this
    /// check the spec's validation would only say that the scheme is "not 'file'".</summary>
    public static string? RelativeUrlProblem(string url, string what)
    {
        var absolute = Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            && !(parsed.IsFile && !url.StartsWith("file:", StringComparison.OrdinalIgnoreCase));
        if (absolute)
        {
            return null;
        }

        var path = url.StartsWith('/') ? url : "/" + url;
        return $"{what} '{url}' is not an absolute URL: it must name the scheme and host, for example http://127.0.0.1:5100{path}.";
    }

    private static bool TryModel(string? model, FileInfo? modelPath, ModelStepOptions options, out ModelRef? modelRef, out string problem)
    {
        modelRef = null;
        problem = "";
        if (model is not null && modelPath is not null)
        {
            problem = "Give --model or --model-path, not both.";
            return false;
        }

        if (modelPath is not null)
        {
            if (!modelPath.Exists)
            {
                problem = $"--model-path: no file at {modelPath.FullName}.";
                return false;
            }

            modelRef = ModelRef.ForFile(modelPath.FullName, options);
        }
        else if (model is not null)
        {
            modelRef = new ModelRef { ModelId = model, Options = options };
        }

        return true;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
