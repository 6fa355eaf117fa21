using ScribeActors.Abstractions;
using ScribeActors.Agent.Datasets;
using ScribeActors.Agent.Evaluation;
using ScribeActors.Agent.Planning;
using ScribeActors.Grains.Inference;
using ScribeActors.Inference;

namespace ScribeActors.Cli.Evaluation;

/// <summary>
/// Offline evaluation of one model file: it is loaded at the context it was trained for (as online runs load it) and
/// every record goes through <see cref="DatasetEvaluation"/> with production decoding (greedy, page grammar). Used by
/// <c>scribe eval</c> and, on a sample of the validation split, by <c>scribe train</c> after each epoch.
/// </summary>
internal static class OfflineEvaluation
{
    /// <summary>The decoding every evaluation uses: the production defaults, greedy.</summary>
    public static readonly ModelStepOptions Decoding = new() { Temperature = 0 };

    /// <summary>Scores the model at <paramref name="path"/> on <paramref name="records"/>, decoded as
    /// <paramref name="decoding"/> says (<see langword="null"/>: <see cref="Decoding"/>).</summary>
    public static async Task<(MetricsReport Metrics, IReadOnlyList<HeldOutStep> Steps)> RunAsync(
        string label, string path, IReadOnlyList<DatasetRecord> records, Action<int, HeldOutStep>? progress, CancellationToken cancellationToken, ModelStepOptions? decoding = null)
    {
        var d = decoding ?? Decoding;
        LlamaModel model;
        try
        {
            var options = ModelOptions.ForFile(path);
            options.Sequences = 1;
            model = await LlamaModel.LoadAsync(label, options, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is ModelLoadException or ArgumentException)
        {
            throw new InvalidOperationException($"Model '{label}' ({path}) cannot be loaded: {e.Message}", e);
        }

        await using var loaded = model;
        var settings = new PlanSettings(d.Fitter, d.MaxOutputTokens, d.Temperature, d.TopP, d.Seed, d.NodeRepeat, d.MaxInvalidRetries, AllowFinish: true, d.TypedTextFromObjective, d.DescriptionForm);
        return await DatasetEvaluation.RunAsync(label, new LoadedModelGenerator(loaded), records, settings, progress, cancellationToken);
    }
}
