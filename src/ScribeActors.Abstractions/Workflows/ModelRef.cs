namespace ScribeActors.Abstractions;

/// <summary>Names the model a workflow asks for steps, and how it decodes.</summary>
[GenerateSerializer, Immutable, Alias("scribe.ModelRef")]
public sealed record ModelRef
{
    /// <summary>The prefix of inference-grain keys that name a GGUF file by path.</summary>
    public const string FilePrefix = "file:";

    /// <summary>A model id configured under <c>Scribe:Models</c>, or <c>file:</c> + an absolute GGUF path.</summary>
    [Id(0)] public required string ModelId { get; init; }

    /// <summary>Decoding and fitting settings.</summary>
    [Id(1)] public ModelStepOptions Options { get; init; } = new();

    /// <summary>Names a GGUF file by path (made absolute).</summary>
    public static ModelRef ForFile(string path, ModelStepOptions? options = null) =>
        new() { ModelId = FilePrefix + Path.GetFullPath(path), Options = options ?? new() };

    /// <summary>Every problem, each naming the field; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ModelId))
        {
            errors.Add("StepSource.Model.ModelId is empty.");
        }
        else if (ModelId.StartsWith(FilePrefix, StringComparison.Ordinal) && !Path.IsPathFullyQualified(ModelId[FilePrefix.Length..]))
        {
            errors.Add($"StepSource.Model.ModelId '{ModelId}' must name an absolute path after '{FilePrefix}'.");
        }

        errors.AddRange((Options ?? new()).Validate().Select(e => "StepSource.Model.Options." + e));
        return errors;
    }
}
