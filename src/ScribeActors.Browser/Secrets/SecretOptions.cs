namespace ScribeActors.Browser.Secrets;

/// <summary>One secret as configured under <c>Scribe:Secrets:NAME</c>. <see cref="ToString"/> never shows the value.</summary>
public sealed class SecretOptions
{
    /// <summary>The value (<c>Scribe:Secrets:NAME:Value</c>); at least <see cref="SecretValue.MinimumLength"/> characters.</summary>
    public string? Value { get; set; }

    /// <summary>Hosts that may receive the value (<c>Scribe:Secrets:NAME:AllowedHosts</c>, comma-separated, or a list);
    /// empty for any host the workflow may visit.</summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <inheritdoc />
    public override string ToString() => $"secret ({Value?.Length ?? 0} characters, not shown; allowed hosts: {(AllowedHosts.Count == 0 ? "any" : string.Join(", ", AllowedHosts))})";
}
