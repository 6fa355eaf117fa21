namespace ScribeActors.Abstractions;

/// <summary>What a browser session recorded about the state-changing request an action let out of the browser (see
/// <see cref="IBrowserSessionGrain.GetSentAsync"/>).</summary>
[GenerateSerializer, Immutable, Alias("scribe.SentRequestRecord")]
public sealed record SentRequestRecord
{
    /// <summary>The request, as method and URL (secrets masked); a download is marked as such.</summary>
    [Id(0)] public required string Request { get; init; }

    /// <summary>The top-frame page the request led to (the GET a post-redirect-get sends after the post), when the
    /// browser got that far: where a workflow whose page was rebuilt from an older checkpoint goes on from.</summary>
    [Id(1)] public string? LandingUrl { get; init; }

    /// <summary>The <c>Idempotency-Key</c> the request carried (its host honours the header), if any: sending it again
    /// under this key is safe.</summary>
    [Id(2)] public string? IdempotencyKey { get; init; }
}
