using ScribeActors.Abstractions;
using ScribeActors.Agent.Datasets;

namespace ScribeActors.Agent.Tests.Datasets;

/// <summary>Stored workflow runs over the sign-in sample pages, and a source that serves them like a cluster.</summary>
internal static class RunSamples
{
    public const string Objective = "Sign in as alice with password {{secret:supplier_password}}";

    /// <summary>A succeeded run: type the user, a click the browser reported failed, the same click again, finish.</summary>
    public static WorkflowSnapshot SignIn(string id, Dictionary<string, string>? labels = null)
    {
        var user = DatasetSamples.Node(DatasetSamples.Login, "input");
        var button = DatasetSamples.Node(DatasetSamples.Login, "button");
        StepRecord Step(int index, string url, ScribeStep block, BrowserAction? action, ActionResult? outcome) => new()
        {
            Index = index,
            Phase = StepPhase.Done,
            UrlBefore = url,
            Description = block.Render(),
            Action = action,
            Outcome = outcome,
            ObservationRef = $"dom/{id}-{index}",
        };
        var ok = ActionResult.Success("http://sites.test/login", TimeSpan.Zero);
        return new WorkflowSnapshot
        {
            Id = id,
            Spec = new WorkflowSpec
            {
                Objective = Objective,
                StartUrl = "http://sites.test/login",
                StepSource = new StepSourceSpec(),
                Labels = labels ?? new Dictionary<string, string>(StringComparer.Ordinal),
            },
            Status = WorkflowStatus.Succeeded,
            Verification = SuccessVerification.Verified,
            VerificationNote = "url contains /home",
            Steps =
            [
                Step(0, "http://sites.test/login", new ScribeStep(1, "Type \"alice\"", StepActions.Type, user, "<input name=\"username\">"), BrowserAction.Type(user, "alice"), ok),
                Step(1, "http://sites.test/login", new ScribeStep(2, "Click \"Sign in\"", StepActions.Click, button, "<button>"), BrowserAction.Click(button),
                    ActionResult.Fail(ActionFailureKind.NotInteractable, "covered")),
                Step(2, "http://sites.test/login", new ScribeStep(2, "Click \"Sign in\"", StepActions.Click, button, "<button>"), BrowserAction.Click(button),
                    ActionResult.Success("http://sites.test/home", TimeSpan.Zero)),
                Step(3, "http://sites.test/home", new ScribeStep(3, "Finish", StepActions.Finish, null, null), null, null),
            ],
        };
    }

    /// <summary>Serves runs and their pages; a page of a step left out of <paramref name="pages"/> is missing from the store.</summary>
    public sealed class Source(IReadOnlyList<WorkflowSnapshot> runs, Func<string, int, string?> pages) : IDatasetRunSource
    {
        public int ObservationReads { get; private set; }

        public string Name => "test cluster";

        public Task<IReadOnlyList<WorkflowSummary>> ListAsync(WorkflowStatus status, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<WorkflowSummary>>(
                [.. runs.Where(r => r.Status == status).Reverse().Select(r => new WorkflowSummary { Id = r.Id, Objective = r.Spec.Objective, Status = r.Status, CreatedAt = r.CreatedAt })]);

        public Task<WorkflowSnapshot> GetAsync(string workflowId, CancellationToken cancellationToken) => Task.FromResult(runs.Single(r => r.Id == workflowId));

        public Task<StoredObservation> GetObservationAsync(string workflowId, int stepIndex, CancellationToken cancellationToken)
        {
            ObservationReads++;
            var step = runs.Single(r => r.Id == workflowId).Steps[stepIndex];
            return Task.FromResult(new StoredObservation { StepIndex = stepIndex, Url = step.UrlBefore, Reference = step.ObservationRef, Dom = pages(workflowId, stepIndex) });
        }
    }

    /// <summary>The login page before the first three steps, the home page before the finish.</summary>
    public static string? Page(string workflowId, int stepIndex) => stepIndex < 3 ? DatasetSamples.Login : DatasetSamples.Home;
}
