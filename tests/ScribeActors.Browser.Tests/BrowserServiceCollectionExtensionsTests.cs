using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ScribeActors.Browser.Tests;

public sealed class BrowserServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddScribeBrowser_Configuration_BindsOptionsAndRegistersOneHost()
    {
        await using var provider = Build(new()
        {
            ["Scribe:Browser:ExecutablePath"] = "/opt/chromium/chrome",
            ["Scribe:Browser:Headless"] = "false",
            ["Scribe:Browser:ActionTimeout"] = "00:00:05",
            ["Scribe:Browser:ViewportWidth"] = "1024",
            ["Scribe:Browser:ExtraArgs:0"] = "--lang=en-US",
        }, twice: true);

        var options = provider.GetRequiredService<IOptions<BrowserOptions>>().Value;

        Assert.Equal("/opt/chromium/chrome", options.ExecutablePath);
        Assert.False(options.Headless);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ActionTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.NavigationTimeout);
        Assert.Equal(1024, options.ViewportWidth);
        Assert.Equal(800, options.ViewportHeight);
        Assert.Equal(["--lang=en-US"], options.ExtraArgs);
        Assert.IsType<PlaywrightBrowserHost>(provider.GetRequiredService<IBrowserHost>());
        Assert.Single(provider.GetServices<IBrowserHost>());
        Assert.Same(provider.GetRequiredService<IBrowserHost>(), provider.GetRequiredService<IBrowserHost>());
    }

    [Theory]
    [InlineData("ActionTimeout", "00:00:00", "Scribe:Browser:ActionTimeout must be positive")]
    [InlineData("NavigationTimeout", "-00:00:01", "Scribe:Browser:NavigationTimeout must be positive")]
    [InlineData("ViewportWidth", "0", "Scribe:Browser:ViewportWidth must be between 1 and")]
    [InlineData("ViewportHeight", "100000", "Scribe:Browser:ViewportHeight must be between 1 and")]
    [InlineData("ExecutablePath", " ", "Scribe:Browser:ExecutablePath is empty")]
    [InlineData("MaxObservationChars", "0", "Scribe:Browser:MaxObservationChars must be at least 1 (got 0)")]
    [InlineData("MaxObservationElements", "-5", "Scribe:Browser:MaxObservationElements must be at least 1 (got -5)")]
    [InlineData("UnresponsiveAfter", "00:00:00", "Scribe:Browser:UnresponsiveAfter must be positive")]
    [InlineData("UnresponsiveAfter", "00:00:40", "Scribe:Browser:UnresponsiveAfter (00:00:40) must be above NavigationTimeout + ActionTimeout (00:00:40)")]
    [InlineData("KeyInProgressWait", "00:00:00", "Scribe:Browser:KeyInProgressWait must be positive")]
    [InlineData("WarmContexts", "9", "Scribe:Browser:WarmContexts must be between 0 and 8 (got 9)")]
    public async Task AddScribeBrowser_InvalidSetting_FailsValidationNamingIt(string key, string value, string expected)
    {
        await using var provider = Build(new() { [$"Scribe:Browser:{key}"] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BrowserOptions>>().Value);

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, bool twice = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddScribeBrowser();
        if (twice)
        {
            services.AddScribeBrowser();
        }

        return services.BuildServiceProvider();
    }
}
