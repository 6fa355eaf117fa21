using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using ScribeActors.Client.Hosting;
using ScribeActors.Client.Tests.Fakes;

namespace ScribeActors.Client.Tests.Hosting;

/// <summary>What <see cref="ScribeClientHostingExtensions.AddScribeClient"/> registers; nothing here starts the host,
/// so no cluster is contacted.</summary>
public sealed class ScribeClientHostingExtensionsTests
{
    private const string Key = "client-tests-key-0123456789";

    [Fact]
    public void AddScribeClient_SectionThenDelegate_OptionsTakeBothWithTheDelegateLast()
    {
        var builder = Builder(new()
        {
            ["Scribe:Client:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Scribe:Client:ClusterId"] = "from-config",
            ["Scribe:Client:ServiceId"] = "service-from-config",
            ["Scribe:Client:ConnectTimeout"] = "00:00:05",
        });

        builder.AddScribeClient(o => o.ServiceId = "service-from-code");
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<ScribeClientOptions>();
        Assert.Equal("UseDevelopmentStorage=true", options.ConnectionString);
        Assert.Equal("from-config", options.ClusterId);
        Assert.Equal("service-from-code", options.ServiceId);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ConnectTimeout);
        var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Assert.Equal("from-config", cluster.ClusterId);
        Assert.Equal("service-from-code", cluster.ServiceId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void AddScribeClient_EmptyConnectionString_ThrowsNamingTheSetting(string connectionString)
    {
        var builder = Builder();

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddScribeClient(o => o.ConnectionString = connectionString));

        Assert.Equal("Scribe:Client:ConnectionString is empty: set it to the Azure Storage account of the cluster.", error.Message);
    }

    [Fact]
    public void AddScribeClient_Registers_OneScribeClientOverTheClusterClient()
    {
        var builder = Builder();

        builder.AddScribeClient();
        using var host = builder.Build();

        var client = host.Services.GetRequiredService<ScribeClient>();
        Assert.Same(client, host.Services.GetRequiredService<ScribeClient>());
        Assert.NotNull(host.Services.GetRequiredService<IClusterClient>());
        Assert.Equal(new ScribeClientOptions().ConnectionString, host.Services.GetRequiredService<ScribeClientOptions>().ConnectionString);
    }

    [Fact]
    public void AddScribeClient_Registers_TheConnectRetryFilterInPlaceOfOrleansDefault()
    {
        var builder = Builder();

        builder.AddScribeClient();
        using var host = builder.Build();

        // Orleans registers its own linear back-off first; the client resolves the last registration.
        Assert.IsType<ClusterConnectRetryFilter>(host.Services.GetRequiredService<Orleans.IClientConnectionRetryFilter>());
    }

    [Fact]
    public void AddScribeClient_WithoutApiKey_AddsNoKeyFilter()
    {
        var builder = Builder();

        builder.AddScribeClient();

        Assert.DoesNotContain(builder.Services, IsKeyFilter);
    }

    [Fact]
    public void AddScribeClient_WithApiKey_AddsTheKeyFilter()
    {
        var builder = Builder(new() { ["Scribe:Client:ApiKey"] = Key });

        builder.AddScribeClient();

        Assert.Single(builder.Services, IsKeyFilter);
    }

    [Fact]
    public void AddScribeClient_TimeProviderAlreadyRegistered_KeepsIt()
    {
        var builder = Builder();
        var fake = new FakeTimeProvider();
        builder.Services.AddSingleton<TimeProvider>(fake);

        builder.AddScribeClient();
        using var host = builder.Build();

        Assert.Same(fake, host.Services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddScribeClient_NoTimeProvider_RegistersTheSystemClock()
    {
        var builder = Builder();

        builder.AddScribeClient();
        using var host = builder.Build();

        Assert.Same(TimeProvider.System, host.Services.GetRequiredService<TimeProvider>());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void UseScribeApiKey_BlankKey_Throws(string key)
    {
        var builder = Builder();
        Exception? error = null;

        builder.UseOrleansClient(client => error = Record.Exception(() => client.UseScribeApiKey(key)));

        Assert.IsAssignableFrom<ArgumentException>(error);
    }

    private static bool IsKeyFilter(ServiceDescriptor d) =>
        d.ServiceType == typeof(Orleans.IOutgoingGrainCallFilter) && (d.ImplementationInstance ?? d.ImplementationType) is ApiKeyOutgoingFilter or Type { Name: nameof(ApiKeyOutgoingFilter) };

    [Fact]
    public void AddScribeClient_NoLoggingSettings_OrleansInformationHiddenWarningsAndAppInformationShown()
    {
        var builder = Builder(new() { ["Scribe:Client:ConnectionString"] = "UseDevelopmentStorage=true" });
        var logs = new ListLogger<ScribeClient>();
        builder.Logging.AddProvider(new ListLoggerProvider(logs));

        builder.AddScribeClient();
        using var host = builder.Build();
        var factory = host.Services.GetRequiredService<ILoggerFactory>();
        factory.CreateLogger("Orleans.Runtime.ClusterClient").LogInformation("connection chatter");
        factory.CreateLogger("Orleans.Messaging.GatewayManager").LogWarning("gateway warning");
        factory.CreateLogger("MyApp.Orders").LogInformation("the app's own news");

        Assert.Equal(["gateway warning", "the app's own news"], logs.Entries.Select(e => e.Message));
    }

    [Fact]
    public void AddScribeClient_ConfigurationSetsOrleansLevel_TheAppsSettingWins()
    {
        var builder = Builder(new()
        {
            ["Scribe:Client:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Logging:LogLevel:Orleans"] = "Information",
        });
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        var logs = new ListLogger<ScribeClient>();
        builder.Logging.AddProvider(new ListLoggerProvider(logs));

        builder.AddScribeClient();
        using var host = builder.Build();
        host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Orleans.Runtime.ClusterClient").LogInformation("connection chatter");

        Assert.Equal(["connection chatter"], logs.Entries.Select(e => e.Message));
    }

    private sealed class ListLoggerProvider(ILogger logger) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => logger;

        public void Dispose()
        {
        }
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        return builder;
    }
}
