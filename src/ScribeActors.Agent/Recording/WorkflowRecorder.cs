using ScribeActors.Abstractions;
using ScribeActors.Agent.Secrets;

namespace ScribeActors.Agent.Recording;

/// <summary>
/// Runs an expert script in a live browser and records it: for each step it observes the page, resolves the step's
/// selector to a node id, stores the target's signature and opening tag from the observation, then performs the action.
/// Text typed into a password field is written as a secret placeholder, never as the value (see
/// <see cref="ClearTextSecrets.Redact"/>); a script that types placeholders itself needs the secrets configured in the
/// recording browser's secret provider.
/// </summary>
public static class WorkflowRecorder
{
    /// <summary>Records <paramref name="script"/>; throws <see cref="RecordingException"/> naming the first step that fails.</summary>
    /// <param name="browser">The live browser.</param>
    /// <param name="objective">The objective written into the recording.</param>
    /// <param name="startUrl">Where the recording starts (the browser is there already).</param>
    /// <param name="script">The expert steps.</param>
    /// <param name="source">Free-form provenance.</param>
    /// <param name="passwordSecret">The secret name for clear text typed into password fields; <see langword="null"/>
    /// derives one per field with <see cref="PasswordSecretNaming"/>.</param>
    /// <param name="observed">A sink that receives each step's observation (with the step number) as the step is
    /// recorded, before its action runs; a dataset builder turns them into training records. The steps themselves come
    /// back redacted in the result, so pair them from there, never from what the script typed.</param>
    /// <param name="cancellationToken">Cancels the recording.</param>
    public static async Task<RecordedWorkflow> RecordAsync(
        IRecordingBrowser browser, string objective, string startUrl, IReadOnlyList<ScriptedStep> script, string? source = null,
        string? passwordSecret = null, Action<int, Observation>? observed = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(script);
        if (passwordSecret is not null && !SecretPlaceholder.IsValidName(passwordSecret))
        {
            throw new ArgumentException($"'{passwordSecret}' is not a valid secret name: {SecretPlaceholder.NameRule}.", nameof(passwordSecret));
        }

        var steps = new List<RecordedStep>(script.Count);
        for (var i = 0; i < script.Count; i++)
        {
            var scripted = script[i];
            var number = i + 1;
            var observation = await browser.ObserveAsync(cancellationToken);
            if (observation.TooLarge is { } tooLarge)
            {
                throw new RecordingException($"Step {number} ({scripted.Description}): {tooLarge.Message}");
            }

            observed?.Invoke(number, observation);
            var dom = DomIndex.Parse(observation.Dom);
            int? node = null;
            string? target = null;
            TargetSignature? signature = null;
            if (!string.IsNullOrEmpty(scripted.Selector))
            {
                node = await browser.ResolveNodeAsync(scripted.Selector, cancellationToken)
                    ?? throw new RecordingException($"Step {number} ({scripted.Description}): selector '{scripted.Selector}' matched no element on {observation.Url}.");
                if (!dom.Contains(node.Value))
                {
                    throw new RecordingException($"Step {number} ({scripted.Description}): node {node} is not in the observation of {observation.Url}.");
                }

                target = dom.OpeningTag(node.Value);
                signature = dom.Signature(node.Value);
            }

            var mapping = ActionMapper.Map(scripted.Action, node, scripted.Description, scripted.Value, target);
            if (mapping.Error is not null)
            {
                throw new RecordingException($"Step {number} ({scripted.Description}): {mapping.Error}");
            }

            steps.Add(new RecordedStep
            {
                Index = number,
                Description = scripted.Description,
                Action = scripted.Action,
                Node = node,
                Target = target,
                Value = scripted.Value,
                Signature = signature,
                Url = observation.Url,
            });
            if (mapping.IsFinish)
            {
                break;
            }

            var result = await browser.ExecuteAsync(mapping.Action!, cancellationToken);

            // A navigation that started but did not reach "load" in time still took effect: the next step's
            // observation shows where it landed, and its selector fails clearly if that page is wrong.
            if (!result.Succeeded && !Recovery.SlowNavigationRule.TookEffect(result, observation.Url))
            {
                throw new RecordingException($"Step {number} ({scripted.Description}) failed on {observation.Url}: {result.Failure}: {result.Message}");
            }
        }

        var recording = new RecordedWorkflow { Objective = objective, StartUrl = startUrl, Steps = [.. steps], Source = source };
        return ClearTextSecrets.Redact(recording, passwordSecret is null ? null : _ => passwordSecret).Recording;
    }
}
