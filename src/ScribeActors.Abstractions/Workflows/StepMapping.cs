namespace ScribeActors.Abstractions;

/// <summary>What a step means for the browser: exactly one of a concrete <see cref="Action"/>, the end of the workflow
/// (<see cref="IsFinish"/>, with an optional <see cref="Answer"/>), or an <see cref="Error"/> explaining why the step
/// cannot be performed.</summary>
/// <param name="Action">The browser action to perform.</param>
/// <param name="IsFinish">Whether the step declares the objective reached.</param>
/// <param name="Answer">The answer given with a finish step, if any.</param>
/// <param name="Error">Why the step cannot be mapped, naming the action and what is missing or wrong.</param>
/// <remarks>The inference grain returns it with the step it mapped, so the workflow performs what the model step means
/// without parsing or mapping it again.</remarks>
[GenerateSerializer, Immutable, Alias("scribe.StepMapping")]
public sealed record StepMapping([property: Id(0)] BrowserAction? Action, [property: Id(1)] bool IsFinish, [property: Id(2)] string? Answer, string? Error)
{
    /// <summary>The error; the initialiser enforces that exactly one outcome is set and that only a finish carries an answer.</summary>
    [Id(3)] public string? Error { get; init; } = Validate(Action, IsFinish, Answer, Error);

    /// <summary>Whether the mapping produced an action or a finish (no error).</summary>
    public bool Succeeded => Error is null;

    /// <summary>A mapping to <paramref name="action"/>.</summary>
    public static StepMapping Perform(BrowserAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new StepMapping(action, false, null, null);
    }

    /// <summary>A finish, with <paramref name="answer"/> when the objective asks for one.</summary>
    public static StepMapping Finish(string? answer) => new(null, true, answer, null);

    /// <summary>A step that cannot be mapped, for the reason <paramref name="error"/>.</summary>
    public static StepMapping Fail(string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return new StepMapping(null, false, null, error);
    }

    /// <inheritdoc />
    public override string ToString() =>
        Error is not null ? $"error: {Error}" : IsFinish ? $"finish{(Answer is null ? "" : $" \"{Answer}\"")}" : Action!.ToString();

    private static string? Validate(BrowserAction? action, bool isFinish, string? answer, string? error)
    {
        var outcomes = (action is null ? 0 : 1) + (isFinish ? 1 : 0) + (error is null ? 0 : 1);
        if (outcomes != 1)
        {
            throw new ArgumentException("A step mapping holds exactly one of an action, a finish or an error.");
        }

        if (answer is not null && !isFinish)
        {
            throw new ArgumentException("Only a finish carries an answer.", nameof(answer));
        }

        if (error is not null && string.IsNullOrWhiteSpace(error))
        {
            throw new ArgumentException("An error mapping needs a message.", nameof(error));
        }

        return error;
    }
}
