using System.Text.RegularExpressions;
using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Secrets;

/// <summary>
/// Finds secrets written in clear text where a placeholder belongs, and replaces them. What can be detected is text
/// typed into a <b>password field</b>: a recorded step whose target signature or opening tag says
/// <c>type="password"</c>, or a stored step record whose Target line does. Once such a value is known, every other
/// occurrence of it in the same recording or workflow (objective, descriptions, messages, notes, URLs, answers) is
/// replaced too. Clear text typed into an ordinary field, or written into an objective with no password step to reveal
/// it, cannot be told from other text and is left as it is.
/// </summary>
public static partial class ClearTextSecrets
{
    /// <summary>Replaces the clear text of every password entry of <paramref name="recording"/> with a placeholder, and
    /// every other occurrence of those values in it. A value typed into several password fields (a password and its
    /// confirmation) becomes one secret.</summary>
    /// <param name="recording">The recording.</param>
    /// <param name="nameFor">Names the secret of a password entry; by default <see cref="PasswordSecretNaming"/>.</param>
    /// <returns>The redacted recording (the same instance when nothing was found) and what was found.</returns>
    public static (RecordedWorkflow Recording, IReadOnlyList<FoundSecret> Found) Redact(RecordedWorkflow recording, Func<RecordedStep, string>? nameFor = null)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var found = new List<FoundSecret>();
        foreach (var step in recording.Steps ?? [])
        {
            if (step is { IsPasswordEntry: true } && ClearTypedText(step) is { } clear)
            {
                Add(found, nameFor?.Invoke(step) ?? PasswordSecretNaming.NameFor(step), clear);
            }
        }

        return found.Count == 0 ? (recording, found) : (Scrub(recording, found), found);
    }

    /// <summary>Redacts a workflow's stored data: the replay recording of its spec (as <see cref="Redact"/> does), the
    /// steps it took that typed clear text into a password field (by their Target line), and then every occurrence of
    /// the values found anywhere in the spec, the steps, the failure reason and the answer.</summary>
    public static WorkflowRedaction RedactWorkflow(WorkflowSpec spec, IReadOnlyList<StepRecord> steps, string? failureReason, string? answer)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(steps);
        var found = new List<FoundSecret>();
        if (spec.StepSource?.Replay is { } replay)
        {
            foreach (var secret in Redact(replay).Found)
            {
                Add(found, secret.Name, secret.Value);
            }
        }

        foreach (var step in steps)
        {
            if (step.Action is { Kind: BrowserActionKind.Type, Text: { Length: > 0 } text } && !SecretPlaceholder.Contains(text)
                && step.DecidedStep() is { } parsed && PasswordField.IsTag(parsed.Target))
            {
                Add(found, PasswordSecretNaming.NameFor(step.UrlBefore, Attribute(parsed.Target!, "name"), Attribute(parsed.Target!, "id")), text);
            }
        }

        if (found.Count == 0)
        {
            return new WorkflowRedaction(spec, steps, failureReason, answer, found);
        }

        return new WorkflowRedaction(Scrub(spec, found), [.. steps.Select(s => Scrub(s, found))], Scrub(failureReason, found), Scrub(answer, found), found);
    }

    /// <summary>Replaces every occurrence of the <paramref name="found"/> values in <paramref name="text"/> with their
    /// placeholders (longer values first, so a value inside another does not split it).</summary>
    public static string? Scrub(string? text, IReadOnlyList<FoundSecret> found)
    {
        ArgumentNullException.ThrowIfNull(found);
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in found.OrderByDescending(f => f.Value.Length))
        {
            text = text.Replace(secret.Value, secret.Placeholder, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary><see cref="Scrub(string?, IReadOnlyList{FoundSecret})"/> over a whole spec (objective, labels, recording).</summary>
    public static WorkflowSpec Scrub(WorkflowSpec spec, IReadOnlyList<FoundSecret> found)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec with
        {
            Objective = Scrub(spec.Objective, found)!,
            Labels = new Dictionary<string, string>(spec.Labels.Select(l => KeyValuePair.Create(l.Key, Scrub(l.Value, found)!)), StringComparer.Ordinal),
            StepSource = spec.StepSource?.Replay is { } replay ? spec.StepSource with { Replay = Scrub(replay, found) } : spec.StepSource!,
        };
    }

    private static RecordedWorkflow Scrub(RecordedWorkflow recording, IReadOnlyList<FoundSecret> found) => recording with
    {
        Objective = Scrub(recording.Objective, found)!,
        Source = Scrub(recording.Source, found),
        Steps = [.. (recording.Steps ?? []).Select(s => s is null ? s! : Scrub(s, found))],
    };

    private static RecordedStep Scrub(RecordedStep step, IReadOnlyList<FoundSecret> found)
    {
        var value = step.IsPasswordEntry && ClearTypedText(step) is { } clear && found.FirstOrDefault(f => f.Value == clear) is { } secret
            ? secret.Placeholder
            : Scrub(step.Value, found);
        return step with
        {
            Description = Scrub(step.Description, found)!,
            Value = value,
            Target = Scrub(step.Target, found),
            Url = Scrub(step.Url, found),
            Signature = step.Signature is { } signature ? Scrub(signature, found, dropValue: step.IsPasswordEntry) : null,
        };
    }

    private static TargetSignature Scrub(TargetSignature signature, IReadOnlyList<FoundSecret> found, bool dropValue) => signature with
    {
        // A password field's value attribute is never a locating feature worth keeping, and may hold the secret.
        Attributes = new Dictionary<string, string>(
            signature.Attributes.Where(a => !(dropValue && a.Key == "value")).Select(a => KeyValuePair.Create(a.Key, Scrub(a.Value, found)!)),
            StringComparer.Ordinal),
        Text = Scrub(signature.Text, found)!,
        Label = Scrub(signature.Label, found),
        Context = Scrub(signature.Context, found),
    };

    private static StepRecord Scrub(StepRecord step, IReadOnlyList<FoundSecret> found) => step with
    {
        UrlBefore = Scrub(step.UrlBefore, found),
        UrlAfter = Scrub(step.UrlAfter, found),
        Description = Scrub(step.Description, found),
        Step = step.Step is { } decided ? decided with { Description = Scrub(decided.Description, found)!, Target = Scrub(decided.Target, found) } : null,
        Action = step.Action is { } action ? action with { Text = Scrub(action.Text, found), Url = Scrub(action.Url, found) } : null,
        Outcome = step.Outcome is { } outcome ? outcome with { Message = Scrub(outcome.Message, found), UrlAfter = Scrub(outcome.UrlAfter, found) } : null,
        Note = Scrub(step.Note, found),
        Inference = step.Inference is { } inference
            ? inference with { RawOutput = Scrub(inference.RawOutput, found)!, Rejected = [.. inference.Rejected.Select(r => Scrub(r, found)!)] }
            : null,
    };

    /// <summary>The text a typing step types, when it is clear text (not empty, no placeholder).</summary>
    private static string? ClearTypedText(RecordedStep step)
    {
        var text = step.Value ?? ActionMapper.Map(StepActions.Type, 0, step.Description, null, null).Action?.Text;
        return string.IsNullOrEmpty(text) || SecretPlaceholder.Contains(text) ? null : text;
    }

    /// <summary>Adds a finding: a value found before keeps its first name; a name already taken by another value gets
    /// a numbered suffix.</summary>
    private static void Add(List<FoundSecret> found, string name, string value)
    {
        if (found.Any(f => f.Value == value))
        {
            return;
        }

        var unique = name;
        for (var n = 2; found.Any(f => string.Equals(f.Name, unique, StringComparison.OrdinalIgnoreCase)); n++)
        {
            var suffix = $"_{n}";
            unique = (name.Length + suffix.Length > SecretPlaceholder.MaxNameLength ? name[..(SecretPlaceholder.MaxNameLength - suffix.Length)] : name) + suffix;
        }

        found.Add(new FoundSecret(unique, value));
    }

    private static string? Attribute(string openingTag, string name)
    {
        var match = AttributePattern().Matches(openingTag).FirstOrDefault(m => string.Equals(m.Groups[1].Value, name, StringComparison.OrdinalIgnoreCase));
        return match?.Groups[2].Value;
    }

    [GeneratedRegex(@"\s([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*""([^""]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex AttributePattern();
}
