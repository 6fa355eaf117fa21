using ScribeActors.Abstractions;
using ScribeActors.DemoSites.State;

namespace ScribeActors.DemoSites.Tasks;

/// <summary>
/// One task on the demo sites: a concrete objective with parameters drawn from a seed, an expert script that solves it,
/// and a server-side check. The sites must be reset with the same seed for the task to be solvable.
/// </summary>
public sealed record DemoTask
{
    /// <summary>Stable task id, for example <c>supplier.dispute-invoice</c>.</summary>
    public required string Id { get; init; }

    /// <summary><c>supplier</c> or <c>expenses</c>.</summary>
    public required string Site { get; init; }

    /// <summary>The objective in plain words, with the drawn parameters; the password is a secret placeholder
    /// (<see cref="DemoCredentials.SecretSettings"/> configures its value).</summary>
    public required string Objective { get; init; }

    /// <summary>Absolute URL the task starts from.</summary>
    public required string StartUrl { get; init; }

    /// <summary>The drawn parameters (user name, password placeholder, invoice numbers, amounts, ...) and <c>seed</c>.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>The expert solution: steps with layout-independent Playwright selectors, ending with a finish step. The
    /// password is typed as its secret placeholder, so the browser that runs it needs <see cref="DemoCredentials.SecretSettings"/>.</summary>
    public required IReadOnlyList<ScriptedStep> Script { get; init; }

    /// <summary>Whether the server state shows the objective reached, and why (or why not).</summary>
    public required Func<DemoState, TaskCheck> Check { get; init; }
}
