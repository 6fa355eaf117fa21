namespace ScribeActors.IntegrationTests.Infrastructure;

/// <summary>One in-process silo with two API keys (the current one and one being rotated out), shared by the tests of
/// a class.</summary>
public sealed class KeyedSilo : IAsyncLifetime
{
    public const string Key = "test-key-0123456789abcdef";
    public const string SecondKey = "rotated-key-fedcba9876543210";

    public TestSilo Silo { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Silo = await TestSilo.StartAsync(extra: new Dictionary<string, string?> { ["Scribe:Auth:ApiKeys"] = $"{Key}, {SecondKey}" });

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
