using ScribeActors.Abstractions;

namespace ScribeActors.Browser.Secrets;

/// <summary>
/// The secrets of one browser session: resolves placeholders for typing and masks every value the session has resolved
/// (the secrets it declared when it opened, and any it typed since) out of what it captures. Values live here, in the
/// browser adapter's memory, for the session's life, and nowhere else.
/// </summary>
/// <remarks>A checkpoint may mask while an observation resolves the declared secrets, so the set of values is replaced,
/// never changed in place.</remarks>
internal sealed class SecretScope(ISecretProvider provider, IReadOnlyList<string> declared)
{
    private readonly Lock _gate = new();
    private Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private bool _declaredResolved = declared.Count == 0;

    /// <summary>Resolves the placeholders of <paramref name="text"/> (checked well-formed by the caller).</summary>
    public async Task<SecretResolution> ResolveAsync(string text, CancellationToken cancellationToken)
    {
        var used = new List<(string Name, SecretValue Secret)>();
        foreach (var name in SecretPlaceholder.Names(text))
        {
            SecretValue? secret;
            try
            {
                secret = await provider.GetAsync(name, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return SecretResolution.Fail(ActionFailureKind.SecretUnavailable,
                    $"Secret '{name}' could not be read: the secret provider failed ({e.GetType().Name}).");
            }

            if (secret is null)
            {
                return SecretResolution.Fail(ActionFailureKind.SecretUnavailable, NotConfigured(name));
            }

            Remember(name, secret.Value);
            used.Add((name, secret));
        }

        var values = used.ToDictionary(u => u.Name, u => u.Secret.Value, StringComparer.OrdinalIgnoreCase);
        return new SecretResolution(SecretPlaceholder.Replace(text, name => values[name]), used, ActionFailureKind.None, null);
    }

    /// <summary>Resolves the declared secrets not resolved yet, so they are masked from the first capture on. One that is
    /// not configured or cannot be read is skipped: typing it fails and says why.</summary>
    public async Task PrepareMaskAsync(CancellationToken cancellationToken)
    {
        if (_declaredResolved)
        {
            return;
        }

        foreach (var name in declared.Where(n => !Volatile.Read(ref _values).ContainsKey(n)))
        {
            try
            {
                if (await provider.GetAsync(name, cancellationToken) is { } secret)
                {
                    Remember(name, secret.Value);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not masked then; typing it reports the provider failure.
            }
        }

        _declaredResolved = true;
    }

    /// <summary>Masks text such as a URL, a title or a message.</summary>
    public string Mask(string text)
    {
        var values = Volatile.Read(ref _values);
        return values.Count == 0 ? text : SecretMasker.Mask(text, values);
    }

    /// <summary>Masks a captured DOM.</summary>
    public string MaskDom(string dom, out bool found)
    {
        found = false;
        var values = Volatile.Read(ref _values);
        return values.Count == 0 ? dom : SecretMasker.MaskDom(dom, values, out found);
    }

    private void Remember(string name, string value)
    {
        lock (_gate)
        {
            Volatile.Write(ref _values, new Dictionary<string, string>(_values, StringComparer.OrdinalIgnoreCase) { [name] = value });
        }
    }

    /// <summary>The message for a secret the provider does not know.</summary>
    public static string NotConfigured(string name) =>
        $"Secret '{name}' is not configured on this browser silo: set {SecretsOptions.SectionName}:{name}:Value " +
        $"(environment: Scribe__Secrets__{name}__Value) or add it to the secret provider.";
}

/// <summary>The outcome of resolving a text's placeholders: the text to type and the secrets it uses, or a failure.</summary>
internal sealed record SecretResolution(string? Text, IReadOnlyList<(string Name, SecretValue Secret)> Used, ActionFailureKind Failure, string? Error)
{
    public static SecretResolution Fail(ActionFailureKind failure, string error) => new(null, [], failure, error);

    // The generated ToString would print the text to type.
    public override string ToString() => Error ?? $"{Used.Count} secrets resolved";
}
