using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScribeActors.Browser.Secrets;

namespace ScribeActors.Browser.Tests.Secrets;

public sealed class SecretsOptionsTests
{
    [Fact]
    public async Task ConfigurationProvider_ValueAndCommaSeparatedHosts_Resolved()
    {
        await using var services = Build(new()
        {
            ["Scribe:Secrets:portal_pw:Value"] = "s3cret-value",
            ["Scribe:Secrets:portal_pw:AllowedHosts"] = "127.0.0.1:5100, *.example.com",
            ["Scribe:Secrets:any_host:Value"] = "another-value",
        });

        var provider = services.GetRequiredService<ISecretProvider>();
        var secret = await provider.GetAsync("PORTAL_PW");
        var any = await provider.GetAsync("any_host");

        Assert.Equal("s3cret-value", secret!.Value);
        Assert.Equal(["127.0.0.1:5100", "*.example.com"], secret.AllowedHosts);
        Assert.True(secret.IsAllowedOn(new Uri("http://127.0.0.1:5100")));
        Assert.True(secret.IsAllowedOn(new Uri("https://portal.example.com")));
        Assert.False(secret.IsAllowedOn(new Uri("http://127.0.0.1:5101")));
        Assert.False(secret.IsAllowedOn(new Uri("about:blank")));
        Assert.True(any!.IsAllowedOn(new Uri("http://anywhere.test")));
        Assert.Null(await provider.GetAsync("unknown"));
        Assert.DoesNotContain("s3cret-value", secret.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigurationProvider_HostsAsList_Resolved()
    {
        await using var services = Build(new()
        {
            ["Scribe:Secrets:k:Value"] = "value-1234",
            ["Scribe:Secrets:k:AllowedHosts:0"] = "a.test",
            ["Scribe:Secrets:k:AllowedHosts:1"] = "b.test:8080",
        });

        Assert.Equal(["a.test", "b.test:8080"], (await services.GetRequiredService<ISecretProvider>().GetAsync("k"))!.AllowedHosts);
    }

    [Fact]
    public async Task ConfigurationProvider_EnvironmentVariable_DoubleUnderscoresMapToSections()
    {
        var name = "env_secret_" + Guid.NewGuid().ToString("N")[..8];
        Environment.SetEnvironmentVariable($"Scribe__Secrets__{name}__Value", "from-the-environment");
        Environment.SetEnvironmentVariable($"Scribe__Secrets__{name}__AllowedHosts", "intranet:8443");
        try
        {
            var provider = ConfigurationSecretProvider.From(new ConfigurationBuilder().AddEnvironmentVariables().Build());

            var secret = await provider.GetAsync(name);

            Assert.Equal("from-the-environment", secret!.Value);
            Assert.Equal(["intranet:8443"], secret.AllowedHosts);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"Scribe__Secrets__{name}__Value", null);
            Environment.SetEnvironmentVariable($"Scribe__Secrets__{name}__AllowedHosts", null);
        }
    }

    [Theory]
    [InlineData("Scribe:Secrets:bad-name:Value", "long-enough", "Scribe:Secrets:bad-name: 'bad-name' is not a valid secret name")]
    [InlineData("Scribe:Secrets:k:Value", "abc", "Scribe:Secrets:k:Value is shorter than 4 characters")]
    [InlineData("Scribe:Secrets:k:Value", "", "Scribe:Secrets:k:Value is missing or empty")]
    [InlineData("Scribe:Secrets:k", "shorthand-value", "Scribe:Secrets:k has no Value: set Scribe:Secrets:k:Value")]
    [InlineData("Scribe:Secrets:k:AllowedHost", "a.test", "Scribe:Secrets:k:AllowedHost is not a secret setting")]
    [InlineData("Scribe:Secrets:k:AllowedHosts", "http://a.test/", "Scribe:Secrets:k:AllowedHosts entry 'http://a.test/' is not a host")]
    public async Task Validation_BadSetting_FailsNamingTheSettingNeverTheValue(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key.StartsWith("Scribe:Secrets:k:Allowed", StringComparison.Ordinal))
        {
            settings["Scribe:Secrets:k:Value"] = "value-1234";
        }

        await using var services = Build(settings);

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SecretsOptions>>().Value);

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("value-1234", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("long-enough", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("shorthand-value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddScribeBrowser_ProviderRegisteredFirst_IsKept()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        var vault = new VaultStandIn();
        services.AddSingleton<ISecretProvider>(vault);
        services.AddScribeBrowser();
        await using var built = services.BuildServiceProvider();

        Assert.Same(vault, built.GetRequiredService<ISecretProvider>());
        Assert.Single(built.GetServices<ISecretProvider>());
    }

    private sealed class VaultStandIn : ISecretProvider
    {
        public ValueTask<SecretValue?> GetAsync(string name, CancellationToken cancellationToken = default) => ValueTask.FromResult<SecretValue?>(null);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddScribeBrowser();
        return services.BuildServiceProvider();
    }
}
