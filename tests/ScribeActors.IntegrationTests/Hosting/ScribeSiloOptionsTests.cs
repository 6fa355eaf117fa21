using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScribeActors.Silo;
using ScribeActors.Silo.Hosting;

namespace ScribeActors.IntegrationTests.Hosting;

/// <summary>The silo's own options are checked by their generated validators, as registered for the host's start.</summary>
[Trait("Suite", "Unit")]
public sealed class ScribeSiloOptionsTests
{
    [Fact]
    public void AddScribeSiloOptions_Defaults_AreValid()
    {
        using var services = Build([]);

        Assert.Equal(11111, services.GetRequiredService<IOptions<ScribeSiloOptions>>().Value.SiloPort);
        Assert.Equal("scribe-state", services.GetRequiredService<IOptions<ScribeStorageOptions>>().Value.StateContainer);
    }

    [Theory]
    [InlineData("Scribe:Silo:SiloPort", "0", "ScribeSiloOptions.SiloPort must be between 1 and 65535")]
    [InlineData("Scribe:Silo:GatewayPort", "70000", "ScribeSiloOptions.GatewayPort must be between 1 and 65535")]
    [InlineData("Scribe:Silo:ClusterId", " ", "ScribeSiloOptions.ClusterId field is required")]
    public void AddScribeSiloOptions_BadSiloSetting_FailsNamingIt(string key, string value, string expected)
    {
        using var services = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ScribeSiloOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddScribeSiloOptions_EmptyStateContainer_FailsNamingIt()
    {
        using var services = Build(new() { ["Scribe:Storage:StateContainer"] = "" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ScribeStorageOptions>>().Value);

        Assert.Contains("ScribeStorageOptions.StateContainer field is required", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddScribeSiloOptions();
        return builder.Services.BuildServiceProvider();
    }
}
