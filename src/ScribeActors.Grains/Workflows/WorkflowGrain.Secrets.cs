using Microsoft.Extensions.Logging;
using ScribeActors.Grains.Secrets;

namespace ScribeActors.Grains.Workflows;

public sealed partial class WorkflowGrain
{
    /// <summary>State written before secret placeholders existed may hold a typed password in clear text: it is replaced
    /// by placeholders and written at once (the index's copy of the objective and failure reason too), so no later write
    /// carries it. A running workflow then types the placeholder, which fails naming the secret until it is configured.</summary>
    private async Task RedactStoredSecretsAsync()
    {
        var found = StoredSecretRedaction.Apply(Current);
        if (found.Count == 0)
        {
            return;
        }

        LogSecretsRedacted(Id, StoredSecretRedaction.Describe(found));
        await PersistAsync(statusChanged: true);
    }

    [LoggerMessage(EventId = 1050, Level = LogLevel.Warning, Message = "Workflow {WorkflowId} held clear-text passwords in its stored state; they are replaced by {Placeholders}: configure these secrets on the browser silos")]
    private partial void LogSecretsRedacted(string workflowId, string placeholders);
}
