namespace ScribeActors.Abstractions;

/// <summary>Whether a workflow's success was checked against its <see cref="SuccessCriteria"/>.</summary>
[GenerateSerializer, Alias("scribe.SuccessVerification")]
public enum SuccessVerification
{
    /// <summary>The workflow has not succeeded (yet).</summary>
    None = 0,

    /// <summary>Succeeded on the step source's word only (a model's or a replay's finish): the spec gave no success
    /// criteria, so nothing checked that the objective was met, and the answer is unverified.</summary>
    Unverified = 1,

    /// <summary>Succeeded, and every success criterion of the spec held when the step source finished.</summary>
    Verified = 2,
}
