using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ScribeActors.DemoSites.Api;
using ScribeActors.DemoSites.Expenses;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Supplier;

namespace ScribeActors.DemoSites;

/// <summary>
/// Hosts the demo sites: the supplier portal under <c>/supplier</c>, the expenses app under <c>/expenses</c>, a start
/// page at <c>/</c>, and the state API under <c>/api</c>, all in one ASP.NET Core app on one port.
/// </summary>
public static class DemoSitesApp
{
    /// <summary>The configuration key of the starting seed (default 1), for example <c>--DemoSites:Seed=7</c>.</summary>
    public const string SeedKey = "DemoSites:Seed";

    /// <summary>Builds the app, listening on <paramref name="url"/>; the caller starts it.</summary>
    /// <param name="args">Command-line arguments (configuration overrides such as <c>--DemoSites:Seed=7</c>).</param>
    /// <param name="url">An absolute <c>http</c> URL with host and port, for example <c>http://127.0.0.1:5100</c>; port 0
    /// picks a free port.</param>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute http URL, or the seed setting is not a
    /// whole number from 0 up.</exception>
    public static WebApplication Build(string[] args, string url)
    {
        ArgumentNullException.ThrowIfNull(args);
        ValidateUrl(url);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(DemoSitesApp).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls(url);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DemoStore>();
        builder.Services.AddSingleton<Web.SiteLatency>();
        builder.Services.AddSingleton<Web.IdempotencyKeys>();

        var seedText = builder.Configuration[SeedKey];
        var seed = 1;
        if (seedText is not null && (!int.TryParse(seedText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out seed)))
        {
            throw new ArgumentException($"The setting {SeedKey} must be a whole number from 0 up; got '{seedText}'.", nameof(args));
        }

        var app = builder.Build();
        app.Services.GetRequiredService<DemoStore>().Reset(seed);
        var latency = app.Services.GetRequiredService<Web.SiteLatency>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        app.Use((context, next) =>
        {
            // Pages reflect live server state; a browser's back button must not show a stale form.
            context.Response.Headers.CacheControl = "no-store";
            return next(context);
        });
        var idempotencyKeys = app.Services.GetRequiredService<Web.IdempotencyKeys>();
        app.Use(idempotencyKeys.InvokeAsync);
        app.Use(async (context, next) =>
        {
            // Inside the keys' middleware: a keyed request is being processed while the site takes its time, as a slow
            // server's would be, so a repeat under its key meanwhile is answered 409.
            await latency.DelayAsync(context, time);
            await next(context);
        });
        app.MapLandingPage();
        app.MapStateApi();
        app.MapSupplierSite();
        app.MapExpensesSite();
        return app;
    }

    /// <summary>Builds and starts the app, resets it to <paramref name="seed"/>, and returns the address it is bound to.</summary>
    /// <param name="url">As for <see cref="Build"/>; the default binds a free loopback port.</param>
    /// <param name="seed">The layout and data seed, from 0 up.</param>
    /// <param name="ct">Cancels the start.</param>
    /// <param name="logLevel">The least important log level written (embedded sites stay quiet by default).</param>
    public static async Task<RunningDemoSites> StartAsync(string url = "http://127.0.0.1:0", int seed = 1, CancellationToken ct = default, LogLevel logLevel = LogLevel.Warning)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        var app = Build([$"--Logging:LogLevel:Default={logLevel}"], url);
        var store = app.Services.GetRequiredService<DemoStore>();
        store.Reset(seed);
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The demo sites started but reported no listening address.");
        return new RunningDemoSites(app, new Uri(address.TrimEnd('/') + "/"), store);
    }

    private static void ValidateUrl(string url)
    {
        // Kestrel's wildcard hosts (http://*:5100, http://+:5100) are not valid URI hosts; check the rest of the URL.
        var probe = url?.Replace("://*:", "://localhost:", StringComparison.Ordinal).Replace("://+:", "://localhost:", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(probe)
            || !Uri.TryCreate(probe, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttp
            || uri.AbsolutePath != "/")
        {
            throw new ArgumentException(
                $"The demo sites URL must be an absolute http URL with a host and a port and no path, such as http://127.0.0.1:5100; got '{url}'.",
                nameof(url));
        }
    }
}
