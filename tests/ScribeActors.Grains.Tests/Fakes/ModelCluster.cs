using ScribeActors.Grains.Tests.Inference;
using ScribeActors.Testing;

namespace ScribeActors.Grains.Tests.Fakes;

/// <summary>
/// The shared cluster of the model tests: one silo with the browser, inference and gpu roles, the real tiny GGUF as
/// model <c>tiny</c> and model <c>gone</c> configured with a file that does not exist (<see cref="MissingModelPath"/>).
/// Each test class that uses it gets its own (an <see cref="IClassFixture{TFixture}"/>); the model loads once per class.
/// </summary>
public sealed class ModelCluster : SharedCluster
{
    /// <summary>The configured path of model <c>gone</c>; no file is ever there.</summary>
    public string MissingModelPath { get; } = Path.Combine(Path.GetTempPath(), "scribe-no-such-model-" + Guid.NewGuid().ToString("N") + ".gguf");

    /// <inheritdoc />
    protected override Task<FakeCluster> StartClusterAsync()
    {
        var settings = InferenceGrainTests.ModelSettings("gone", MissingModelPath);
        foreach (var (k, v) in InferenceGrainTests.ModelSettings("tiny", TestModels.Stories260K))
        {
            settings[k] = v;
        }

        return FakeCluster.StartAsync(null, settings, ["browser", "inference", "gpu"]);
    }
}
