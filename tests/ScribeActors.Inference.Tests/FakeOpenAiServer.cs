using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ScribeActors.Inference.Tests;

/// <summary>
/// A tiny in-test stand-in for llama-server on 127.0.0.1: answers <c>POST /v1/chat/completions</c> with what
/// <c>behave(attempt)</c> says, and records every request body and when it arrived.
/// </summary>
internal sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<int, Reply> _behave;
    private readonly Task _loop;
    private readonly List<JsonDocument> _requests = [];
    private readonly List<TimeSpan> _arrivals = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();

    public FakeOpenAiServer(Func<int, Reply> behave)
    {
        _behave = behave;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}/v1";

    public IReadOnlyList<JsonDocument> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>When each request was read, measured here on the server from its start, in arrival order.</summary>
    public IReadOnlyList<TimeSpan> Arrivals
    {
        get
        {
            lock (_requests)
            {
                return [.. _arrivals];
            }
        }
    }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public static Reply Ok(string content, string finishReason = "stop") => new(200, TimeSpan.Zero, JsonSerializer.Serialize(new
    {
        id = "chatcmpl-1",
        @object = "chat.completion",
        created = 1,
        model = "tiny",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = finishReason } },
        usage = new { prompt_tokens = 11, completion_tokens = 7, total_tokens = 18 },
    }));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }

        _stop.Dispose();
        lock (_requests)
        {
            _requests.ForEach(r => r.Dispose());
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var text = await body.ReadToEndAsync();
            int attempt;
            lock (_requests)
            {
                _requests.Add(JsonDocument.Parse(text));
                _arrivals.Add(_clock.Elapsed);
                attempt = _requests.Count;
            }

            var reply = context.Request.Url?.AbsolutePath == "/v1/chat/completions" ? _behave(attempt) : new Reply(404, TimeSpan.Zero, "{}");
            await Task.Delay(reply.Delay, _stop.Token);
            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            if (reply.RetryAfter is { } retryAfter)
            {
                context.Response.AddHeader("Retry-After", retryAfter);
            }

            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, _stop.Token);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The client gave up (timeout) or the server is stopping.
        }
    }

    internal sealed record Reply(int Status, TimeSpan Delay, string Body)
    {
        /// <summary>The <c>Retry-After</c> header to send, if any (seconds or an HTTP date).</summary>
        public string? RetryAfter { get; init; }
    }
}
