namespace ScribeActors.Agent.Datasets;

/// <summary>A dataset file would carry the value of a configured secret; the build stops before writing it. The
/// message names the record or file and the secret, never the value.</summary>
public sealed class SecretLeakException(string what, string secretName)
    : Exception($"{what} would carry the value of the secret '{secretName}'; the dataset build stopped before writing it " +
                "(records must hold {{secret:NAME}} placeholders, and the browser must mask the secret out of its observations).")
{
    /// <summary>The record or file that carried the value.</summary>
    public string Where { get; } = what;

    /// <summary>The secret whose value was found.</summary>
    public string SecretName { get; } = secretName;
}
