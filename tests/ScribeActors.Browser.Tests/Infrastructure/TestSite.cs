using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace ScribeActors.Browser.Tests.Infrastructure;

/// <summary>A small Kestrel site on 127.0.0.1 (random port): the pages under assets/ plus a few dynamic ones
/// (a form target, a cookie login, links to a foreign host, a redirect off the allow-list, a page that never loads).</summary>
public sealed class TestSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests;

    private readonly ConcurrentDictionary<string, int> _posts;
    private readonly ConcurrentQueue<ReceivedPost> _received;

    private readonly ConcurrentQueue<ReceivedPost> _keyedGets;

    private TestSite(WebApplication app, Uri baseUri, ConcurrentQueue<string> requests, ConcurrentDictionary<string, int> posts, ConcurrentQueue<ReceivedPost> received, ConcurrentQueue<ReceivedPost> keyedGets, KeyedFormEndpoint keyedForm)
    {
        KeyedForm = keyedForm;
        _keyedGets = keyedGets;
        _app = app;
        BaseUri = baseUri;
        _requests = requests;
        _posts = posts;
        _received = received;
    }

    /// <summary>A POST as the server received it: its path, <c>Idempotency-Key</c> header and <c>user</c> cookie.</summary>
    public sealed record ReceivedPost(string Path, string? IdempotencyKey, string? User);

    /// <summary>Every POST the server received, in order.</summary>
    public IReadOnlyCollection<ReceivedPost> ReceivedPosts => _received;

    /// <summary>The multipart form at <c>/keyed-form</c>, whose server answers 409 to a key it is told is busy.</summary>
    public KeyedFormEndpoint KeyedForm { get; }

    /// <summary>What <c>/keyed-form</c> received and which keys it takes for ones whose first request it is still
    /// processing (IETF draft-ietf-httpapi-idempotency-key-header: 409 to each request with such a key).</summary>
    public sealed class KeyedFormEndpoint
    {
        private int _done;

        /// <summary>Keys answered 409 while they are here.</summary>
        public ConcurrentDictionary<string, bool> Busy { get; } = new(StringComparer.Ordinal);

        /// <summary>How many 409s each key was answered.</summary>
        public ConcurrentDictionary<string, int> Answered409 { get; } = new(StringComparer.Ordinal);

        /// <summary>Every POST's key and raw body, in order.</summary>
        public ConcurrentQueue<(string? Key, string Body)> Received { get; } = new();

        /// <summary>How many POSTs the server acted on.</summary>
        public int Done => Volatile.Read(ref _done);

        internal void Map(WebApplication app)
        {
            app.MapGet("/keyed-form", () => Html("Keyed form",
                "<form method=\"post\" action=\"/keyed-form\" enctype=\"multipart/form-data\"><input id=\"amount\" name=\"amount\"><button id=\"send\" type=\"submit\">Send</button></form>"));
            app.MapPost("/keyed-form", async (HttpContext context) =>
            {
                var key = context.Request.Headers["Idempotency-Key"].FirstOrDefault();
                using var reader = new StreamReader(context.Request.Body);
                Received.Enqueue((key, await reader.ReadToEndAsync(context.RequestAborted)));
                if (key is not null && Busy.ContainsKey(key))
                {
                    Answered409.AddOrUpdate(key, 1, (_, n) => n + 1);
                    context.Response.StatusCode = StatusCodes.Status409Conflict;
                    await context.Response.WriteAsync($"A request with the Idempotency-Key '{key}' is still being processed.", context.RequestAborted);
                    return;
                }

                context.Response.Redirect($"/keyed-form/done?n={Interlocked.Increment(ref _done)}", permanent: false);
            });
            app.MapGet("/keyed-form/done", (int n) => Html("Sent", $"<p id=\"done\">Sent {n}</p>"));
        }
    }

    /// <summary>Every GET that carried an <c>Idempotency-Key</c>, in order.</summary>
    public IReadOnlyCollection<ReceivedPost> KeyedGets => _keyedGets;

    /// <summary>How many POSTs to <paramref name="path"/> the server received.</summary>
    public int Posts(string path) => _posts.GetValueOrDefault(path);

    /// <summary>Every request the server received, as <c>host:port/path?query</c>, in order.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    /// <summary>The site root, for example http://127.0.0.1:41234/.</summary>
    public Uri BaseUri { get; }

    /// <summary>The allow-list entry for this site (<c>127.0.0.1:port</c>).</summary>
    public string Host => $"{BaseUri.Host}:{BaseUri.Port}";

    /// <summary>The same server under a host name that is not on <see cref="Host"/>'s allow-list.</summary>
    public string ForeignHost => $"localhost:{BaseUri.Port}";

    public string Url(string path) => new Uri(BaseUri, path).ToString();

    public static async Task<TestSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var requests = new ConcurrentQueue<string>();
        var posts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var received = new ConcurrentQueue<ReceivedPost>();
        var keyedGets = new ConcurrentQueue<ReceivedPost>();
        app.Use(async (context, next) =>
        {
            requests.Enqueue($"{context.Request.Host}{context.Request.Path}{context.Request.QueryString}");
            if (HttpMethods.IsPost(context.Request.Method))
            {
                posts.AddOrUpdate(context.Request.Path, 1, (_, n) => n + 1);
                var key = context.Request.Headers["Idempotency-Key"].FirstOrDefault();
                received.Enqueue(new ReceivedPost(context.Request.Path, key, context.Request.Cookies.TryGetValue("user", out var user) ? user : null));
            }
            else if (HttpMethods.IsGet(context.Request.Method) && context.Request.Headers["Idempotency-Key"].FirstOrDefault() is { } getKey)
            {
                keyedGets.Enqueue(new ReceivedPost(context.Request.Path, getKey, context.Request.Cookies.TryGetValue("user", out var user) ? user : null));
            }

            await next(context);
        });

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "assets")),
        });

        app.MapGet("/submitted", (HttpRequest request) => Html("Submitted",
            $"<p id=\"result\">Query: {Enc(request.Query["q"])}; Color: {Enc(request.Query["color"])}</p>"));

        app.MapPost("/login", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var name = form["name"].ToString();
            context.Response.Cookies.Append("user", name, new CookieOptions { Path = "/", HttpOnly = true, Expires = DateTimeOffset.UtcNow.AddDays(1) });
            context.Response.Redirect("/account", permanent: false);
        });

        // Post-redirect-get back to the same URL, as an approval queue does; two lists, so the action tests and the
        // recording tests (one collection, one site) each count their own posts.
        MapNoteList(app, "/notes", "Notes");
        MapNoteList(app, "/journal", "Journal");

        // A post the server takes its time over (longer than a download is waited for) before it redirects.
        var slowPosts = 0;
        app.MapGet("/slow-post", () => Html("Slow post",
            $"<p id=\"count\">Slow posts: {Volatile.Read(ref slowPosts)}</p><form method=\"post\" action=\"/slow-post?ms=3000\"><button id=\"send\" type=\"submit\">Send</button></form>"));
        app.MapPost("/slow-post", async (int ms, HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(ms), context.RequestAborted);
            context.Response.Redirect($"/slow-post/done?n={Interlocked.Increment(ref slowPosts)}", permanent: false);
        });
        app.MapGet("/slow-post/done", (int n) => Html("Sent", $"<p id=\"sent\">Sent {n}</p>"));

        // The same post-redirect-get for the tests of requests held back before they leave (a count of their own).
        var memos = new ConcurrentQueue<string>();
        app.MapGet("/memos", () => Html("Memos",
            $"<p id=\"count\">Memos: {memos.Count}</p><form method=\"post\" action=\"/memos\"><input id=\"note\" name=\"note\"><button id=\"add\" type=\"submit\">Add</button></form>"));
        app.MapPost("/memos", async (HttpContext context) =>
        {
            memos.Enqueue((await context.Request.ReadFormAsync())["note"].ToString());
            context.Response.Redirect($"/memos?added={memos.Count}", permanent: false);
        });

        // A button that saves through fetch (no navigation), as single-page apps do.
        var saved = new ConcurrentQueue<string>();
        app.MapGet("/xhr", () => Html("Xhr",
            $"<p id=\"saved\">Saved: {saved.Count}</p><button id=\"save\" onclick=\"fetch('/xhr-save', {{ method: 'POST', body: 'x' }}).then(r => r.text()).then(t => document.getElementById('saved').textContent = 'Saved: ' + t)\">Save</button>" +
            "<button id=\"peek\" onclick=\"fetch('/xhr-peek').then(r => r.text()).then(t => document.getElementById('saved').textContent = 'Peeked: ' + t)\">Peek</button>"));
        app.MapPost("/xhr-save", () =>
        {
            saved.Enqueue("x");
            return Results.Text(saved.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        app.MapGet("/files", () => Html("Files", "<a id=\"fetch-file\" href=\"/files/report.txt\">Download the report</a><a id=\"home\" href=\"/basic.html\">Home</a>"));
        app.MapGet("/files/report.txt", () => Results.File("the report\n"u8.ToArray(), "text/plain", "report.txt"));
        app.MapGet("/xhr-peek", () => Results.Text(saved.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        app.MapGet("/account", (HttpRequest request) => Html("Account",
            (request.Cookies.TryGetValue("user", out var user) ? $"<p id=\"who\">Signed in as {Enc(user)}</p>" : "<p id=\"who\">Not signed in</p>") +
            "<p id=\"theme\"></p><script>document.getElementById('theme').textContent = 'Theme: ' + (localStorage.getItem('theme') ?? 'none');</script>"));

        // A server check: 200 for a signed-in user (the session's cookie), 401 otherwise.
        app.MapGet("/api/signed-in", (HttpRequest request) => request.Cookies.TryGetValue("user", out var who)
            ? Results.Text($"signed in as {who}")
            : Results.Text("nobody is signed in", statusCode: StatusCodes.Status401Unauthorized));

        app.MapGet("/links", (HttpRequest request) =>
        {
            var port = request.Host.Port;
            return Html("Links",
                "<a id=\"local\" href=\"/basic.html\">Local</a>" +
                $"<a id=\"foreign\" href=\"http://localhost:{port}/basic.html{Enc(request.QueryString.Value)}\">Foreign</a>" +
                "<a id=\"blank\" href=\"/basic.html\" target=\"_blank\">New tab</a>" +
                $"<a id=\"redirect\" href=\"/redirect-away{Enc(request.QueryString.Value)}\">Redirect away</a>" +
                "<button id=\"open\" type=\"button\" onclick=\"window.open('/form.html')\">Open window</button>");
        });

        // Local storage of whichever origin serves the page: /storage?set=k&value=v writes, /storage?get=k shows,
        // /storage?clear=1 empties it.
        app.MapGet("/storage", (HttpRequest request) => Html("Storage",
            $"<p id=\"value\"></p><script>const q = new URLSearchParams(location.search);" +
            "if (q.has('clear')) localStorage.clear();" +
            "if (q.has('set')) localStorage.setItem(q.get('set'), q.get('value') ?? '');" +
            "document.getElementById('value').textContent = q.has('get') ? 'Stored: ' + (localStorage.getItem(q.get('get')) ?? 'none') : 'Saved';</script>"));

        // A page of this origin embedding a widget from the foreign host name (another origin) that writes its own storage.
        app.MapGet("/widget-host", (HttpRequest request) => Html("Widget host",
            $"<p>host page</p><iframe id=\"widget\" src=\"http://localhost:{request.Host.Port}/storage?set=widget&value=on\"></iframe>"));

        // A page whose stylesheet may be cached for an hour (both carry ?tag= so a test can count its own requests).
        app.MapGet("/styled", (HttpRequest request) => Html("Styled",
            $"<link rel=\"stylesheet\" href=\"/cached.css?tag={Enc(request.Query["tag"])}\"><p>styled</p>"));
        app.MapGet("/cached.css", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text("p { color: green; }", "text/css");
        });

        // A page with one link, to wherever ?href= says.
        app.MapGet("/link-to", (HttpRequest request) => Html("Link", $"<a id=\"out\" href=\"{Enc(request.Query["href"])}\">Out</a>"));

        app.MapGet("/redirect-away", (HttpRequest request) => Results.Redirect($"http://localhost:{request.Host.Port}/basic.html{request.QueryString}"));

        app.MapGet("/slow", async (int ms, CancellationToken cancellationToken) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(ms), cancellationToken);
            return Html("Slow", "<p>slow</p>");
        });

        app.MapGet("/never", async (CancellationToken cancellationToken) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            return Html("Late", "<p>late</p>");
        });

        var keyedForm = new KeyedFormEndpoint();
        keyedForm.Map(app);

        await app.StartAsync();
        var address = app.Urls.Single();
        return new TestSite(app, new Uri(address.TrimEnd('/') + "/"), requests, posts, received, keyedGets, keyedForm);
    }

    /// <summary>A loopback port with nothing listening on it.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void MapNoteList(WebApplication app, string path, string title)
    {
        var notes = new ConcurrentQueue<string>();
        app.MapGet(path, () => Html(title,
            $"<p id=\"count\">{title}: {notes.Count}</p><form method=\"post\" action=\"{path}\"><input id=\"note\" name=\"note\"><button id=\"add\" type=\"submit\">Add</button></form>"));
        app.MapPost(path, async (HttpContext context) =>
        {
            notes.Enqueue((await context.Request.ReadFormAsync())["note"].ToString());
            context.Response.Redirect(path, permanent: false);
        });
    }

    private static IResult Html(string title, string body) =>
        Results.Content($"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>", "text/html; charset=utf-8");

    private static string Enc(string? value) => WebUtility.HtmlEncode(value ?? "");
}
