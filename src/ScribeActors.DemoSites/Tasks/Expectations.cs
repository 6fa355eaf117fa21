using ScribeActors.DemoSites.State;

namespace ScribeActors.DemoSites.Tasks;

/// <summary>Collects the failed expectations of a check, so a failing check names all of them at once.</summary>
internal sealed class Expectations
{
    private readonly List<string> _failures = [];

    /// <summary>Starts a check for a task drawn with <paramref name="seed"/>; fails at once when the site runs another seed.</summary>
    public Expectations(DemoState state, int seed)
    {
        ArgumentNullException.ThrowIfNull(state);
        SeedMatches = state.Seed == seed;
        if (!SeedMatches)
        {
            _failures.Add($"the site runs seed {state.Seed} but the task was drawn for seed {seed}; reset the site with seed {seed} first");
        }
    }

    public bool SeedMatches { get; }

    public void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            _failures.Add(failure);
        }
    }

    public TaskCheck Result(string success) =>
        _failures.Count == 0 ? new TaskCheck(true, success) : new TaskCheck(false, "Not done: " + string.Join("; ", _failures) + ".");
}
