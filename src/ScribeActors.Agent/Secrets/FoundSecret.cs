using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Secrets;

/// <summary>A clear-text secret found in stored or recorded data, and the name its placeholder takes. Its
/// <see cref="ToString"/> never shows the value.</summary>
public sealed class FoundSecret
{
    /// <summary>Creates the finding.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid secret name, or <paramref name="value"/> is empty.</exception>
    public FoundSecret(string name, string value)
    {
        if (!SecretPlaceholder.IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid secret name: {SecretPlaceholder.NameRule}.", nameof(name));
        }

        ArgumentException.ThrowIfNullOrEmpty(value);
        Name = name;
        Value = value;
    }

    /// <summary>The secret's name.</summary>
    public string Name { get; }

    /// <summary>The clear text that was found.</summary>
    public string Value { get; }

    /// <summary>The placeholder that replaces <see cref="Value"/>.</summary>
    public string Placeholder => SecretPlaceholder.For(Name);

    /// <inheritdoc />
    public override string ToString() => $"secret {Name} ({Value.Length} characters, not shown)";
}
