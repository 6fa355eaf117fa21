namespace ScribeActors.Abstractions;

/// <summary>What a server check got back.</summary>
[GenerateSerializer, Immutable, Alias("scribe.ServerCheckResult")]
public sealed record ServerCheckResult
{
    /// <summary>The longest <see cref="Body"/> kept, in characters.</summary>
    public const int MaxBodyLength = 300;

    /// <summary>The URL that was checked.</summary>
    [Id(0)] public required string Url { get; init; }

    /// <summary>The HTTP status of the answer; <see langword="null"/> when none came (see <see cref="Error"/>).</summary>
    [Id(1)] public int? Status { get; init; }

    /// <summary>The status text of the answer, for example <c>Conflict</c>.</summary>
    [Id(2)] public string? StatusText { get; init; }

    /// <summary>The start of the answer's body (at most <see cref="MaxBodyLength"/> characters), for the record.</summary>
    [Id(3)] public string? Body { get; init; }

    /// <summary>Why no answer came: the host is not allowed, the server is unreachable, or it did not answer in time.</summary>
    [Id(4)] public string? Error { get; init; }

    /// <summary>How long the check took.</summary>
    [Id(5)] public TimeSpan Duration { get; init; }

    /// <summary>Whether the server answered 2xx.</summary>
    public bool Passed => Status is >= 200 and < 300;

    /// <summary>Creates a result for a check that got no answer.</summary>
    public static ServerCheckResult Failed(string url, string error, TimeSpan duration = default) =>
        new() { Url = url, Error = error, Duration = duration };

    /// <inheritdoc />
    public override string ToString() => Status is { } status
        ? $"GET {Url} answered {status}{(string.IsNullOrEmpty(StatusText) ? "" : " " + StatusText)}{(string.IsNullOrWhiteSpace(Body) ? "" : $" ({Body.Trim()})")}"
        : $"GET {Url} got no answer: {Error}";
}
