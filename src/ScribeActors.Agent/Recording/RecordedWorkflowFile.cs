using System.Text.Json;
using System.Text.Json.Serialization;
using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Recording;

/// <summary>Reads and writes recorded workflows as JSON (camelCase), validating everything a replay relies on.</summary>
public static class RecordedWorkflowFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Serialises a recording.</summary>
    public static string Serialize(RecordedWorkflow recording) => JsonSerializer.Serialize(recording, Options);

    /// <summary>Loads and validates a recording; throws <see cref="RecordedWorkflowFormatException"/> or <see cref="FileNotFoundException"/>.</summary>
    public static RecordedWorkflow Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Replay file '{path}' does not exist.", path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses and validates a recording; <paramref name="name"/> names the source in error messages.</summary>
    public static RecordedWorkflow Parse(string json, string name = "replay")
    {
        RecordedWorkflow? recording;
        try
        {
            recording = JsonSerializer.Deserialize<RecordedWorkflow>(json, Options);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            throw new RecordedWorkflowFormatException($"Replay file '{name}' is not valid recorded-workflow JSON{where}: {e.Message}", e);
        }

        if (recording is null)
        {
            throw new RecordedWorkflowFormatException($"Replay file '{name}' is empty (null).");
        }

        var errors = Validate(recording);
        if (errors.Count > 0)
        {
            throw new RecordedWorkflowFormatException($"Replay file '{name}' is malformed: {string.Join(" ", errors)}");
        }

        return recording;
    }

    /// <summary>Every problem of a recording, each naming the step and field.</summary>
    public static IReadOnlyList<string> Validate(RecordedWorkflow recording)
    {
        var errors = new List<string>();
        if (recording.FormatVersion != 1)
        {
            errors.Add($"formatVersion {recording.FormatVersion} is not supported (expected 1).");
        }

        if (string.IsNullOrWhiteSpace(recording.Objective))
        {
            errors.Add("objective is empty.");
        }

        errors.AddRange(SecretPlaceholder.Validate(recording.Objective, "objective"));

        if (!Uri.TryCreate(recording.StartUrl, UriKind.Absolute, out _))
        {
            errors.Add($"startUrl '{recording.StartUrl}' is not an absolute URL.");
        }

        if (recording.Steps is null || recording.Steps.Length == 0)
        {
            errors.Add("steps is empty.");
            return errors;
        }

        for (var i = 0; i < recording.Steps.Length; i++)
        {
            var step = recording.Steps[i];
            var label = $"steps[{i}]";
            if (step is null)
            {
                errors.Add($"{label} is null.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(step.Description))
            {
                errors.Add($"{label}.description is empty.");
            }

            if (!StepActions.All.Contains(step.Action))
            {
                errors.Add($"{label}.action '{step.Action}' is unknown (known: {string.Join(", ", StepActions.All)}).");
            }
            else if (StepActions.NeedsTarget(step.Action) && step.Signature is null)
            {
                errors.Add($"{label}.signature is missing: {step.Action} needs the target's signature.");
            }

            if (step.Signature is { } s)
            {
                if (string.IsNullOrWhiteSpace(s.Tag))
                {
                    errors.Add($"{label}.signature.tag is empty.");
                }

                if (s.Cell < 0 || s.RowIndex < 0)
                {
                    errors.Add($"{label}.signature.{(s.Cell < 0 ? "cell" : "rowIndex")} is negative.");
                }

                if ((s.Classes ?? []).Concat(s.Icons ?? []).Any(string.IsNullOrWhiteSpace))
                {
                    errors.Add($"{label}.signature.{((s.Classes ?? []).Any(string.IsNullOrWhiteSpace) ? "classes" : "icons")} has a blank entry.");
                }
            }

            errors.AddRange(step.ValidateSecrets(label));
        }

        return errors;
    }
}
