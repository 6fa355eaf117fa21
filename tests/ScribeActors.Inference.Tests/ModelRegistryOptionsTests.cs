using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ScribeActors.Inference.Tests;

public sealed class ModelRegistryOptionsTests
{
    [Fact]
    public void AddScribeInference_Configuration_BindsModelsAndNativePath()
    {
        using var provider = Provider(new()
        {
            ["Scribe:Models:tiny:Path"] = "models/tiny.gguf",
            ["Scribe:Models:tiny:ContextSize"] = "1024",
            ["Scribe:Models:tiny:Sequences"] = "4",
            ["Scribe:Models:big:Endpoint"] = "http://gpu-host:8000/v1",
            ["Scribe:Models:big:RemoteModelName"] = "qwen",
            ["Scribe:Models:big:RequestTimeout"] = "00:00:30",
            ["Scribe:Inference:NativeLibraryPath"] = "/opt/llama/libllama.so",
        });

        var options = provider.GetRequiredService<IOptions<ModelRegistryOptions>>().Value;

        Assert.Equal("models/tiny.gguf", options.Models["tiny"].Path);
        Assert.Equal(1024, options.Models["TINY"].ContextSize);
        Assert.Equal(4, options.Models["tiny"].Sequences);
        Assert.Equal("gpu", options.Models["tiny"].RequiredRole);
        Assert.Equal("inference", options.Models["big"].RequiredRole);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Models["big"].RequestTimeout);
        Assert.Equal("qwen", options.Models["big"].RemoteModelName);
        Assert.Equal("/opt/llama/libllama.so", options.NativeLibraryPath);
    }

    [Fact]
    public void AddScribeInference_ExplicitRole_Overrides()
    {
        using var provider = Provider(new() { ["Scribe:Models:tiny:Path"] = "t.gguf", ["Scribe:Models:tiny:RequiredRole"] = "cpu" });

        Assert.Equal("cpu", provider.GetRequiredService<IOptions<ModelRegistryOptions>>().Value.Models["tiny"].RequiredRole);
    }

    [Theory]
    [InlineData("ContextSize", "0", "Scribe:Models:tiny:ContextSize must be > 0")]
    [InlineData("Threads", "-1", "Scribe:Models:tiny:Threads must be > 0")]
    [InlineData("BatchSize", "0", "Scribe:Models:tiny:BatchSize must be > 0")]
    [InlineData("Sequences", "0", "Scribe:Models:tiny:Sequences must be > 0")]
    [InlineData("GpuLayers", "-2", "Scribe:Models:tiny:GpuLayers must be >= 0")]
    [InlineData("Endpoint", "http://x/v1", "set exactly one of Path")]
    public void Validate_BadLocalSetting_NamesIt(string key, string value, string expected)
    {
        using var provider = Provider(new() { ["Scribe:Models:tiny:Path"] = "t.gguf", [$"Scribe:Models:tiny:{key}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ModelRegistryOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Endpoint", "not a url", "Scribe:Models:r:Endpoint must be an absolute http(s) URL")]
    [InlineData("RequestTimeout", "00:00:00", "Scribe:Models:r:RequestTimeout must be > 0")]
    [InlineData("MaxRetries", "-1", "Scribe:Models:r:MaxRetries must be >= 0")]
    public void Validate_BadRemoteSetting_NamesIt(string key, string value, string expected)
    {
        using var provider = Provider(new() { ["Scribe:Models:r:Endpoint"] = "http://localhost:8000/v1", [$"Scribe:Models:r:{key}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ModelRegistryOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NeitherPathNorEndpoint_SaysNeither()
    {
        var problems = ModelRegistryOptionsValidator.Validate("m", new ModelOptions());

        Assert.Contains(problems, p => p.Contains("Scribe:Models:m: set exactly one of Path", StringComparison.Ordinal) && p.Contains("neither", StringComparison.Ordinal));
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddScribeInference();
        return services.BuildServiceProvider();
    }
}
