using ScribeActors.Inference.Gguf;
using ScribeActors.Testing;

namespace ScribeActors.Inference.Tests;

/// <summary>A model named only by its file runs at the context it was trained for, so a model trained here reads
/// prompts fitted as in training.</summary>
public sealed class ModelOptionsForFileTests
{
    [Fact]
    public void ForFile_ModelTrainedForLessThanTheDefault_UsesItsTrainedContext()
    {
        var options = ModelOptions.ForFile(TestModels.Stories260K); // llama.context_length 2048

        Assert.Equal(2048, options.ContextSize);
        Assert.Equal(TestModels.Stories260K, options.Path);
    }

    [Fact]
    public void ForFile_TrainedContextAboveTheDefault_KeepsTheDefault()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ctx-{Guid.NewGuid():N}.gguf");
        try
        {
            var document = GgufReader.Read(TestModels.Stories260K);
            document.Set("llama.context_length", GgufValue.UInt32(32768));
            GgufWriter.Write(document, path);

            Assert.Equal(new ModelOptions().ContextSize, ModelOptions.ForFile(path).ContextSize);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ForFile_NotAModel_KeepsTheDefaultsForLoadingToReport()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-{Guid.NewGuid():N}.gguf");
        File.WriteAllText(path, "not a model");
        try
        {
            Assert.Equal(new ModelOptions().ContextSize, ModelOptions.ForFile(path).ContextSize);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
