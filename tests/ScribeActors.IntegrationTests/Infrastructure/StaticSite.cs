using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace ScribeActors.IntegrationTests.Infrastructure;

/// <summary>A Kestrel site on 127.0.0.1 (random port) serving one folder of this project's assets/ over real HTTP.</summary>
public sealed class StaticSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StaticSite(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>The site root, for example http://127.0.0.1:41234/.</summary>
    public Uri BaseUri { get; }

    /// <summary>The allow-list entry for this site (<c>127.0.0.1:port</c>).</summary>
    public string Host => $"{BaseUri.Host}:{BaseUri.Port}";

    public string Url(string path) => new Uri(BaseUri, path).ToString();

    /// <summary>Serves <c>assets/<paramref name="folder"/></c> of the test output directory.</summary>
    public static async Task<StaticSite> StartAsync(string folder)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "assets", folder);
        Assert.True(Directory.Exists(root), $"The test assets folder {root} is missing: the project copies assets/ to its output.");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(root) });
        await app.StartAsync();
        return new StaticSite(app, new Uri(app.Urls.Single().TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
