using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ScribeActors.Inference.Tests;

public sealed class ModelHostTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("scribe-inference-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public async Task GetOrLoadAsync_TinyModel_ReadyAndSharedByConcurrentCallers()
    {
        await using var host = Host(("tiny", TestModel.Options(256, 2)));
        Assert.Equal(ModelLoadStatus.NotLoaded, host.GetState("tiny").Status);

        var loads = Enumerable.Range(0, 4).Select(_ => host.GetOrLoadAsync("tiny", CancellationToken.None)).ToArray();
        var models = await Task.WhenAll(loads);

        Assert.All(models, m => Assert.Same(models[0], m));
        Assert.Equal(new ModelState("tiny", ModelLoadStatus.Ready) { ContextSize = 256, TemplateName = "chatml" }, host.GetState("TINY"));
        Assert.Equal(["tiny"], host.LoadedModelIds);
        Assert.Equal("tiny", models[0].ModelId);
        Assert.Equal(256, models[0].ContextSize);
    }

    [Fact]
    public async Task GetOrLoadAsync_MissingFile_FailsWithPathAndHostStaysUsable()
    {
        var missing = Path.Combine(_temp.FullName, "nope.gguf");
        await using var host = Host(("bad", Local(missing)), ("tiny", TestModel.Options(256, 2)));

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => host.GetOrLoadAsync("bad", CancellationToken.None));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        var state = host.GetState("bad");
        Assert.Equal(ModelLoadStatus.Failed, state.Status);
        Assert.Equal(error.Message, state.FailureReason);
        var tiny = await host.GetOrLoadAsync("tiny", CancellationToken.None);
        Assert.True((await tiny.GenerateAsync(new GenerationRequest { Prompt = "Once", MaxTokens = 4 }, CancellationToken.None)).OutputTokens > 0);
    }

    [Fact]
    public async Task GetOrLoadAsync_TruncatedCopy_FailsAsTruncated()
    {
        var bytes = await File.ReadAllBytesAsync(TestModel.Path);
        var truncated = Path.Combine(_temp.FullName, "truncated.gguf");
        await File.WriteAllBytesAsync(truncated, bytes.AsMemory(0, bytes.Length / 2));
        await using var host = Host(("cut", Local(truncated)));

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => host.GetOrLoadAsync("cut", CancellationToken.None));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Equal(ModelLoadStatus.Failed, host.GetState("cut").Status);
    }

    [Fact]
    public async Task GetOrLoadAsync_HeaderOnlyCopy_FailsAsTruncated()
    {
        var bytes = await File.ReadAllBytesAsync(TestModel.Path);
        var truncated = Path.Combine(_temp.FullName, "header.gguf");
        await File.WriteAllBytesAsync(truncated, bytes.AsMemory(0, 100));
        await using var host = Host(("cut", Local(truncated)));

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => host.GetOrLoadAsync("cut", CancellationToken.None));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetOrLoadAsync_TextFileNamedGguf_FailsAsNotGguf()
    {
        var text = Path.Combine(_temp.FullName, "notes.gguf");
        await File.WriteAllTextAsync(text, "These are just some notes, not a model file at all.");
        await using var host = Host(("text", Local(text)));

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => host.GetOrLoadAsync("text", CancellationToken.None));

        Assert.Contains("not a GGUF file", error.Message, StringComparison.Ordinal);
        Assert.Contains("'GGUF'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetOrLoadAsync_FileFixedAfterFailure_NextCallLoads()
    {
        var path = Path.Combine(_temp.FullName, "later.gguf");
        await using var host = Host(("later", Local(path, contextSize: 256, sequences: 2)));
        await Assert.ThrowsAsync<ModelLoadException>(() => host.GetOrLoadAsync("later", CancellationToken.None));

        File.Copy(TestModel.Path, path);
        var model = await host.GetOrLoadAsync("later", CancellationToken.None);

        Assert.Equal(ModelLoadStatus.Ready, host.GetState("later").Status);
        Assert.Equal(ChatTemplates.ChatMl, model.TemplateName);
    }

    [Fact]
    public async Task GetOrLoadAsync_UnknownModel_NamesConfiguredOnes()
    {
        await using var host = Host(("tiny", TestModel.Options()));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.GetOrLoadAsync("huge", CancellationToken.None));

        Assert.Contains("'huge'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Scribe:Models:huge", error.Message, StringComparison.Ordinal);
        Assert.Contains("tiny", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => host.GetState("huge"));
    }

    [Fact]
    public async Task GetOrLoadAsync_RemoteModel_ReadyWithoutContactingServer()
    {
        await using var host = Host(("remote", new ModelOptions { Endpoint = "http://127.0.0.1:9/v1" }));

        var model = await host.GetOrLoadAsync("remote", CancellationToken.None);

        Assert.IsType<OpenAiCompatibleModel>(model);
        Assert.Equal(ModelLoadStatus.Ready, host.GetState("remote").Status);
    }

    [Fact]
    public async Task DisposeAsync_AfterLoad_FurtherCallsThrowObjectDisposed()
    {
        var host = Host(("tiny", TestModel.Options(256, 2)));
        var model = await host.GetOrLoadAsync("tiny", CancellationToken.None);

        await host.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => host.GetOrLoadAsync("tiny", CancellationToken.None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => model.GenerateAsync(new GenerationRequest { Prompt = "x" }, CancellationToken.None));
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Host(("tiny", new ModelOptions { Path = "x.gguf", ContextSize = 0 })));

        Assert.Contains("Scribe:Models:tiny:ContextSize must be > 0", error.Message, StringComparison.Ordinal);
    }

    private static ModelOptions Local(string path, int contextSize = 256, int sequences = 2) =>
        new() { Path = path, ContextSize = contextSize, Sequences = sequences, Threads = 2 };

    [Fact]
    public async Task GetOrLoadAsync_FileId_LoadsTheGgufNamedByPath()
    {
        await using var host = Host();
        var model = await host.GetOrLoadAsync(ModelHost.FilePrefix + TestModel.Path, CancellationToken.None);

        Assert.Equal(ModelHost.FilePrefix + TestModel.Path, model.ModelId);
        Assert.Equal(ModelLoadStatus.Ready, host.GetState(ModelHost.FilePrefix + TestModel.Path).Status);
    }

    [Fact]
    public async Task GetOrLoadAsync_RelativeFileId_ThrowsNamingTheRule()
    {
        await using var host = Host();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => host.GetOrLoadAsync("file:models/x.gguf", CancellationToken.None));
        Assert.Contains("absolute GGUF path", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartLoading_ReturnsAtOnceAndDoesNotRetryAFailedLoad()
    {
        var missing = System.IO.Path.Combine(_temp.FullName, "missing.gguf");
        await using var host = Host(("gone", new ModelOptions { Path = missing }), ("tiny", TestModel.Options(256, 2)));

        Assert.NotEqual(ModelLoadStatus.NotLoaded, host.StartLoading("tiny").Status);
        await host.GetOrLoadAsync("tiny", CancellationToken.None);
        await Assert.ThrowsAsync<ModelLoadException>(() => host.GetOrLoadAsync("gone", CancellationToken.None));

        var failed = host.StartLoading("gone");
        Assert.Equal(ModelLoadStatus.Failed, failed.Status);
        Assert.Contains(missing, failed.FailureReason, StringComparison.Ordinal);
        Assert.Equal(ModelLoadStatus.Failed, host.GetState("gone").Status);
        Assert.Equal(["gone", "tiny"], host.LoadedModelIds.Order(StringComparer.Ordinal));
    }

    private static ModelHost Host(params (string Id, ModelOptions Options)[] models)
    {
        var options = new ModelRegistryOptions();
        foreach (var (id, model) in models)
        {
            options.Models[id] = model;
        }

        return new ModelHost(Options.Create(options), NullLoggerFactory.Instance, new PlainHttpClients());
    }

    /// <summary>Plain clients: these tests never send a remote request (OpenAiCompatibleModelTests do, through the real wiring).</summary>
    private sealed class PlainHttpClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}
