using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ScribeActors.Testing;

/// <summary>A loopback OTLP receiver (http/protobuf): Kestrel accepting POST /v1/traces and /v1/metrics and keeping each
/// body. Protobuf writes strings as raw UTF-8, so span names, instrument names and tag values can be found in the bytes
/// without decoding the messages.</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<byte[]> _traces = new();
    private readonly ConcurrentQueue<byte[]> _metrics = new();

    private OtlpReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The base address to configure as the OTLP endpoint.</summary>
    public Uri Url { get; }

    public int TraceExports => _traces.Count;

    public int MetricExports => _metrics.Count;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var port = SiloProcess.FreeTcpPort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app, new Uri($"http://127.0.0.1:{port}/"));
        app.MapPost("/v1/traces", (HttpRequest request) => receiver.KeepAsync(request, receiver._traces));
        app.MapPost("/v1/metrics", (HttpRequest request) => receiver.KeepAsync(request, receiver._metrics));
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Whether some trace export holds every one of <paramref name="texts"/>.</summary>
    public bool TracesHold(params string[] texts) => _traces.Any(body => texts.All(t => Holds(body, t)));

    /// <summary>Whether the metric exports, together, hold every one of <paramref name="texts"/>.</summary>
    public bool MetricsHold(params string[] texts) => texts.All(t => _metrics.Any(body => Holds(body, t)));

    /// <summary>How many times <paramref name="text"/> occurs in all trace exports together.</summary>
    public int CountInTraces(string text) => _traces.Sum(body => Count(body, Encoding.UTF8.GetBytes(text)));

    private static bool Holds(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private static int Count(byte[] body, byte[] needle)
    {
        var count = 0;
        var rest = body.AsSpan();
        for (var i = rest.IndexOf(needle); i >= 0; i = rest.IndexOf(needle))
        {
            count++;
            rest = rest[(i + needle.Length)..];
        }

        return count;
    }

    private async Task<IResult> KeepAsync(HttpRequest request, ConcurrentQueue<byte[]> into)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        into.Enqueue(body.ToArray());
        return Results.Bytes([], "application/x-protobuf"); // an empty Export*ServiceResponse: all accepted
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
