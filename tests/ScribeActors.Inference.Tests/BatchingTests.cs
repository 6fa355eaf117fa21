namespace ScribeActors.Inference.Tests;

[Collection(TinyModelCollection.Name)]
public sealed class BatchingTests(TinyModelFixture fixture)
{
    private readonly LlamaModel _model = fixture.Model;

    [Fact]
    public async Task GenerateAsync_OneCancelledMidGeneration_OnlyItStops()
    {
        // A grammar without end keeps every request busy until MaxTokens, so the cancelled one is surely mid-generation.
        var request = new GenerationRequest { Prompt = "Once upon a time", Grammar = "root ::= [a-z ]{400,500}", MaxTokens = 100, Temperature = 1 };
        using var cancel = new CancellationTokenSource();
        var others = Enumerable.Range(0, 4).Select(i => _model.GenerateAsync(request with { Seed = i }, CancellationToken.None)).ToArray();
        var victim = _model.GenerateAsync(request with { Seed = 99 }, cancel.Token);

        await Task.Delay(50);
        Assert.False(victim.IsCompleted, "the victim finished before it could be cancelled");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => victim);
        var results = await Task.WhenAll(others);
        Assert.All(results, r =>
        {
            Assert.Equal(100, r.OutputTokens);
            Assert.Equal(StopReasons.MaxTokens, r.StopReason);
        });
    }

    [Fact]
    public async Task GenerateAsync_AlreadyCancelled_ThrowsWithoutRunning()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _model.GenerateAsync(new GenerationRequest { Prompt = "x" }, cancel.Token));
    }

    [Fact]
    public async Task GenerateAsync_MoreRequestsThanSequences_QueueAndAllComplete()
    {
        await using var model = await TestModel.LoadAsync(contextSize: 256, sequences: 2);
        var tasks = Enumerable.Range(0, 6).Select(i => model.GenerateAsync(
            new GenerationRequest { Prompt = "Once", Grammar = TestModel.ActionGrammar, MaxTokens = 32, Seed = i }, CancellationToken.None));

        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Matches(TestModel.ActionPattern, r.Text));
        Assert.Contains(results, r => r.QueueTime > TimeSpan.Zero);
    }

    [Fact]
    public async Task DisposeAsync_RequestsPending_FailsThemWithoutHanging()
    {
        var model = await TestModel.LoadAsync(contextSize: 1024, sequences: 2);
        var request = new GenerationRequest { Prompt = "Once", Grammar = "root ::= [a-z ]{900,1000}", MaxTokens = 1000 };
        var pending = Enumerable.Range(0, 5).Select(i => model.GenerateAsync(request with { Seed = i }, CancellationToken.None)).ToArray();
        await Task.Delay(30);

        // The limit only turns a hang into a failure; it is no claim about how fast dispose is.
        await model.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));

        // Dispose does not wait for the 1,000-token generations to run out: when it returns, every pending request has
        // already been failed, none finished and none is still running.
        Assert.All(pending, task => Assert.True(task.IsCompleted, "a request was still pending after dispose returned"));
        foreach (var task in pending)
        {
            await Assert.ThrowsAsync<ObjectDisposedException>(() => task);
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(() => model.GenerateAsync(request, CancellationToken.None));
    }
}
