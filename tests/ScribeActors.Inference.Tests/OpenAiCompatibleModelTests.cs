using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ScribeActors.Abstractions;
using ScribeActors.Testing;

namespace ScribeActors.Inference.Tests;

public sealed class OpenAiCompatibleModelTests
{
    private static readonly GenerationRequest Request = new()
    {
        System = "You click things.",
        User = "What next?",
        Grammar = TestModel.ActionGrammar,
        MaxTokens = 32,
        Temperature = 0.5f,
        Seed = 7,
        StopStrings = ["\n"],
    };

    [Fact]
    public async Task GenerateAsync_ServerAnswers_ReturnsTextAndSendsGrammarAndSettings()
    {
        await using var server = new FakeOpenAiServer(_ => FakeOpenAiServer.Ok("Action: click Node: 12"));
        await using var remote = await Remote.StartAsync(server.Endpoint);
        var model = remote.Model;

        var result = await model.GenerateAsync(Request, CancellationToken.None);

        Assert.Equal("Action: click Node: 12", result.Text);
        Assert.Equal(11, result.PromptTokens);
        Assert.Equal(7, result.OutputTokens);
        Assert.Equal(StopReasons.GrammarEnd, result.StopReason);
        var body = Assert.Single(server.Requests).RootElement;
        Assert.Equal(TestModel.ActionGrammar, body.GetProperty("grammar").GetString());
        Assert.Equal("served-name", body.GetProperty("model").GetString());
        Assert.Equal(7, body.GetProperty("seed").GetInt32());
        Assert.Equal(32, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(32, body.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal("\n", body.GetProperty("stop")[0].GetString());
        var messages = body.GetProperty("messages");
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal("What next?", messages[1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task GenerateAsync_LengthFinish_ReportsMaxTokens()
    {
        await using var server = new FakeOpenAiServer(_ => FakeOpenAiServer.Ok("Once upon", "length"));
        await using var remote = await Remote.StartAsync(server.Endpoint);
        var model = remote.Model;

        var result = await model.GenerateAsync(Request with { Grammar = null }, CancellationToken.None);

        Assert.Equal(StopReasons.MaxTokens, result.StopReason);
    }

    [Fact]
    public async Task GenerateAsync_ServerErrorThenSuccess_Retries()
    {
        await using var server = new FakeOpenAiServer(n => n == 1 ? new FakeOpenAiServer.Reply(500, TimeSpan.Zero, "{\"error\":{\"message\":\"boom\"}}") : FakeOpenAiServer.Ok("ok"));
        await using var remote = await Remote.StartAsync(server.Endpoint, maxRetries: 2);
        var model = remote.Model;

        var result = await model.GenerateAsync(Request, CancellationToken.None);

        Assert.Equal("ok", result.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task GenerateAsync_ServerKeepsFailing_GivesUpAfterMaxRetriesNamingEndpoint()
    {
        await using var server = new FakeOpenAiServer(_ => new FakeOpenAiServer.Reply(503, TimeSpan.Zero, "{\"error\":{\"message\":\"overloaded\"}}"));
        await using var remote = await Remote.StartAsync(server.Endpoint, maxRetries: 2);

        var error = await Assert.ThrowsAsync<RemoteModelException>(() => remote.Model.GenerateAsync(Request, CancellationToken.None));

        Assert.Contains(server.Endpoint, error.Message, StringComparison.Ordinal);
        Assert.Contains("failed after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task GenerateAsync_TooManyRequestsWithRetryAfter_RetriesNoSoonerThanTheServerSaid()
    {
        await using var server = new FakeOpenAiServer(n => n == 1
            ? new FakeOpenAiServer.Reply(429, TimeSpan.Zero, "{\"error\":{\"message\":\"slow down\"}}") { RetryAfter = "1" }
            : FakeOpenAiServer.Ok("ok"));
        await using var remote = await Remote.StartAsync(server.Endpoint, maxRetries: 2);

        var result = await remote.Model.GenerateAsync(Request, CancellationToken.None);

        Assert.Equal("ok", result.Text);
        var arrivals = server.Arrivals;
        Assert.Equal(2, arrivals.Count);

        // Measured on the server. The backoff alone would retry after about 100 ms (at most ~140 ms with jitter); the
        // 50 ms slack only absorbs timer granularity between the client's delay and the server's clock.
        var gap = arrivals[1] - arrivals[0];
        Assert.True(gap >= TimeSpan.FromMilliseconds(950), $"the retry came {gap.TotalMilliseconds:0} ms after the 429 that said Retry-After: 1");
    }

    [Fact]
    public async Task GenerateAsync_SlowServer_TimesOutRetriesThenNamesEndpoint()
    {
        await using var server = new FakeOpenAiServer(_ => FakeOpenAiServer.Ok("late") with { Delay = TimeSpan.FromSeconds(3) });
        // Each attempt is given 1 s: long enough that a loaded two-core machine's server has read the request before
        // the client gives up on it (at 300 ms it sometimes had not, and never saw the second attempt), still well
        // under the server's 3 s.
        await using var remote = await Remote.StartAsync(server.Endpoint, maxRetries: 1, timeout: TimeSpan.FromSeconds(1));
        var model = remote.Model;

        var error = await Assert.ThrowsAsync<RemoteModelException>(() => model.GenerateAsync(Request, CancellationToken.None));

        Assert.Contains(server.Endpoint, error.Message, StringComparison.Ordinal);
        Assert.Contains("failed after 2 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("RequestTimeout", error.Message, StringComparison.Ordinal);

        // The second attempt was abandoned by the client after 1 s; on a busy machine the server may only get to
        // reading it a moment later.
        await Eventually.TrueAsync(() => server.Requests.Count >= 2, "the server to read the second attempt", TimeSpan.FromSeconds(5));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task GenerateAsync_UnreachablePort_FailsNamingEndpoint()
    {
        var endpoint = $"http://127.0.0.1:{FakeOpenAiServer.FreePort()}/v1";
        await using var remote = await Remote.StartAsync(endpoint, maxRetries: 1);
        var model = remote.Model;

        var error = await Assert.ThrowsAsync<RemoteModelException>(() => model.GenerateAsync(Request, CancellationToken.None));

        Assert.Contains(endpoint, error.Message, StringComparison.Ordinal);
        Assert.Contains("connection failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_ClientError_FailsWithoutRetry()
    {
        await using var server = new FakeOpenAiServer(_ => new FakeOpenAiServer.Reply(400, TimeSpan.Zero, "{\"error\":{\"message\":\"bad grammar\"}}"));
        await using var remote = await Remote.StartAsync(server.Endpoint, maxRetries: 3);
        var model = remote.Model;

        var error = await Assert.ThrowsAsync<RemoteModelException>(() => model.GenerateAsync(Request, CancellationToken.None));

        Assert.Contains("HTTP 400", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task GenerateAsync_CallerCancels_ThrowsOperationCanceledWithoutRetry()
    {
        await using var server = new FakeOpenAiServer(_ => FakeOpenAiServer.Ok("late") with { Delay = TimeSpan.FromSeconds(5) });
        await using var remote = await Remote.StartAsync(server.Endpoint, maxRetries: 3);
        var model = remote.Model;
        using var cancel = new CancellationTokenSource();

        // Cancel once the request is at the server (a fixed delay raced the request on a busy machine).
        var generating = model.GenerateAsync(Request, cancel.Token);
        await Eventually.TrueAsync(() => server.Requests.Count > 0, "the request to reach the server", TimeSpan.FromSeconds(5));

        Assert.Single(server.Requests);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generating);

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task GenerateAsync_PromptOnly_ThrowsNamingUser()
    {
        await using var remote = await Remote.StartAsync("http://127.0.0.1:9/v1");
        var model = remote.Model;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => model.GenerateAsync(new GenerationRequest { Prompt = "<|im_start|>user" }, CancellationToken.None));

        Assert.Contains("needs User", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountTokensAndRenderChat_Remote_AreDocumentedApproximations()
    {
        await using var remote = await Remote.StartAsync("http://127.0.0.1:9/v1");
        var model = remote.Model;

        Assert.Equal(3, model.CountTokens("123456789"));
        Assert.Equal(0, model.CountTokens(string.Empty));
        Assert.Equal(ChatTemplates.Server, model.TemplateName);
        Assert.Equal(ChatMl.Render("s", "u"), model.RenderChat("s", "u"));
    }

    [Fact]
    public async Task RenderChat_SampleConversation_IsPinnedByteForByte()
    {
        await using var remote = await Remote.StartAsync("http://127.0.0.1:9/v1");
        var model = remote.Model;
        const string User = "Objective: Log in\nURL: https://example.com/\nObservation: <h1 node=\"3\"> Köln – Zürich </h1>\r\n<a node=\"42\"> Login </a>\nStep-by-step guide:\n";

        var text = model.RenderChat("Help achieve the objective by generating the next step.", User);

        Assert.Equal(
            "<|im_start|>system\nHelp achieve the objective by generating the next step.<|im_end|>\n"
            + "<|im_start|>user\nObjective: Log in\nURL: https://example.com/\nObservation: <h1 node=\"3\"> Köln – Zürich </h1>\r\n<a node=\"42\"> Login </a>\nStep-by-step guide:\n<|im_end|>\n"
            + "<|im_start|>assistant\n",
            text);
    }

    /// <summary>A remote model wired as the silo wires it: <c>AddScribeInference</c>, <c>Scribe:Models:remote</c>,
    /// <see cref="ModelHost"/>, so the retries and timeouts under test are the HTTP client's resilience pipeline.</summary>
    private sealed class Remote : IAsyncDisposable
    {
        private readonly ServiceProvider _services;

        private Remote(ServiceProvider services, OpenAiCompatibleModel model)
        {
            _services = services;
            Model = model;
        }

        public OpenAiCompatibleModel Model { get; }

        public static async Task<Remote> StartAsync(string endpoint, int maxRetries = 0, TimeSpan? timeout = null)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Scribe:Models:remote:Endpoint"] = endpoint,
                ["Scribe:Models:remote:RemoteModelName"] = "served-name",
                ["Scribe:Models:remote:MaxRetries"] = maxRetries.ToString(CultureInfo.InvariantCulture),
                ["Scribe:Models:remote:RequestTimeout"] = (timeout ?? TimeSpan.FromSeconds(10)).ToString("c", CultureInfo.InvariantCulture),
            }).Build();
            var services = new ServiceCollection()
                .AddSingleton<IConfiguration>(configuration)
                .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
                .AddScribeInference()
                .BuildServiceProvider();
            var model = await services.GetRequiredService<ModelHost>().GetOrLoadAsync("remote", CancellationToken.None);
            return new Remote(services, Assert.IsType<OpenAiCompatibleModel>(model));
        }

        public ValueTask DisposeAsync() => _services.DisposeAsync(); // disposes the host and with it the model
    }
}
