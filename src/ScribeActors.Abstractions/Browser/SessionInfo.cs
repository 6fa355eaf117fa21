namespace ScribeActors.Abstractions;

/// <summary>Diagnostic facts about a browser session.</summary>
[GenerateSerializer, Immutable, Alias("scribe.SessionInfo")]
public sealed record SessionInfo
{
    /// <summary>Whether the session was opened and not closed.</summary>
    [Id(0)] public bool IsOpen { get; init; }

    /// <summary>The URL of the last checkpoint.</summary>
    [Id(1)] public string? Url { get; init; }

    /// <summary>How many times the session was rebuilt from its checkpoint.</summary>
    [Id(2)] public int Epoch { get; init; }

    /// <summary>The silo that hosts the live browser context, when there is one.</summary>
    [Id(3)] public string? Silo { get; init; }

    /// <summary>How many actions the session has performed.</summary>
    [Id(4)] public int ActionCount { get; init; }
}
