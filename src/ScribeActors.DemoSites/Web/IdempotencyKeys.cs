using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using ScribeActors.DemoSites.State;

namespace ScribeActors.DemoSites.Web;

/// <summary>
/// Honours the <c>Idempotency-Key</c> request header (IETF draft-ietf-httpapi-idempotency-key-header, as payment APIs
/// use it) on the sites' state-changing requests: the first request with a key runs and its response is kept; a later
/// request with the same key, method, path and body gets the kept response again (with <c>Idempotent-Replayed: true</c>)
/// and changes nothing; the same key on another request is refused with 422, and while the first one still runs with
/// 409. A request without the header runs as always. Keys are forgotten when the sites are reset. GETs are safe and
/// ignore the header, except those of endpoints marked <see cref="Counted"/> (a download the sites count).
/// </summary>
/// <remarks>
/// This is what lets a client that lost track of a request (its browser died after the request may have left) send it
/// again safely: the server, not the client, knows whether it acted.
/// </remarks>
internal sealed class IdempotencyKeys(DemoStore store)
{
    /// <summary>The request header that carries the key.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>The response header that marks a kept response sent again.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>How many keys are kept at most (the oldest go first).</summary>
    public const int Capacity = 10_000;

    /// <summary>The longest key accepted.</summary>
    public const int MaxKeyLength = 256;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private int _generation = -1;

    /// <summary>Runs <paramref name="next"/> once per key; see the type's remarks.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var safe = HttpMethods.IsGet(request.Method) ? context.GetEndpoint()?.Metadata.GetMetadata<Counted>() is null
            : HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);
        if (safe
            || request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            || request.Headers[Header].FirstOrDefault() is not { Length: > 0 } key)
        {
            await next(context);
            return;
        }

        if (key.Length > MaxKeyLength)
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, $"The {Header} header is longer than {MaxKeyLength} characters.");
            return;
        }

        var fingerprint = await FingerprintAsync(request, context.RequestAborted);
        Entry? known;
        lock (_gate)
        {
            ForgetAfterReset();
            if (!_entries.TryGetValue(key, out known))
            {
                Remember(key, new Entry(fingerprint));
            }
        }

        if (known is not null)
        {
            await AnswerAgainAsync(context, key, fingerprint, known);
            return;
        }

        await RunOnceAsync(context, next, key);
    }

    private async Task AnswerAgainAsync(HttpContext context, string key, string fingerprint, Entry entry)
    {
        var kept = entry.Kept;
        store.RecordKeyedRepeat(entry.Fingerprint != fingerprint ? KeyedRepeat.Mismatched : kept is null ? KeyedRepeat.InProgress : KeyedRepeat.Replayed);
        if (entry.Fingerprint != fingerprint)
        {
            await WriteProblemAsync(context, StatusCodes.Status422UnprocessableEntity, $"The {Header} '{key}' was used for another request.");
            return;
        }

        if (kept is null)
        {
            await WriteProblemAsync(context, StatusCodes.Status409Conflict, $"A request with the {Header} '{key}' is still being processed.");
            return;
        }

        var response = context.Response;
        response.StatusCode = kept.Status;
        foreach (var (name, values) in kept.Headers)
        {
            response.Headers[name] = values;
        }

        response.Headers[ReplayedHeader] = "true";
        await response.Body.WriteAsync(kept.Body, context.RequestAborted);
    }

    private async Task RunOnceAsync(HttpContext context, RequestDelegate next, string key)
    {
        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        var kept = false;
        try
        {
            await next(context);
            // A counted GET is kept only when it was answered (2xx): its redirect to sign-in counted nothing.
            var answered = HttpMethods.IsGet(context.Request.Method) ? response.StatusCode is >= 200 and < 300 : response.StatusCode < 500;
            if (answered && !context.RequestAborted.IsCancellationRequested)
            {
                var headers = KeptHeaders.Where(h => response.Headers.ContainsKey(h)).Select(h => (h, response.Headers[h])).ToArray();
                lock (_gate)
                {
                    if (_entries.TryGetValue(key, out var entry))
                    {
                        entry.Kept = new KeptResponse(response.StatusCode, headers, buffer.ToArray());
                        kept = true;
                    }
                }
            }
        }
        finally
        {
            if (!kept)
            {
                // A failed or abandoned request acted on nothing the client can rely on: the key may be used again.
                lock (_gate)
                {
                    _entries.Remove(key);
                }
            }

            response.Body = original;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static readonly string[] KeptHeaders = ["Location", "Content-Type", "Content-Disposition", "Set-Cookie", SiteLatency.Header];

    private void ForgetAfterReset()
    {
        var generation = store.Generation;
        if (generation != _generation)
        {
            _entries.Clear();
            _order.Clear();
            _generation = generation;
        }
    }

    private void Remember(string key, Entry entry)
    {
        _entries[key] = entry;
        _order.Enqueue(key);
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _entries.Remove(oldest);
        }
    }

    private static async Task<string> FingerprintAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(detail, context.RequestAborted);
    }

    /// <summary>Endpoint metadata: a GET the sites count (a download), whose <c>Idempotency-Key</c> is honoured like a
    /// POST's, so a client that lost track of it can fetch it again without being counted twice.</summary>
    public sealed class Counted
    {
        /// <summary>The one instance.</summary>
        public static readonly Counted Instance = new();

        private Counted()
        {
        }
    }

    private sealed class Entry(string fingerprint)
    {
        public string Fingerprint { get; } = fingerprint;

        public KeptResponse? Kept { get; set; }
    }

    private sealed record KeptResponse(int Status, (string Name, Microsoft.Extensions.Primitives.StringValues Values)[] Headers, byte[] Body);
}
