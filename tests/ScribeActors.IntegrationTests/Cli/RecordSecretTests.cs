using ScribeActors.Agent.Recording;
using ScribeActors.DemoSites;
using ScribeActors.IntegrationTests.Infrastructure;

namespace ScribeActors.IntegrationTests.Cli;

/// <summary>`scribe record` writes the demo password as its placeholder, never as the value.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Chromium")]
public sealed class RecordSecretTests
{
    [Fact]
    public async Task Record_DemoTask_ReplayFileHoldsThePlaceholderNotThePassword()
    {
        Requirements.Chromium();
        await using var world = await DemoWorld.StartAsync(seed: 4);
        var file = Path.Combine(Path.GetTempPath(), $"recorded-{Guid.NewGuid():N}.json");
        try
        {
            var (code, output, error) = await CliBadInputTests.RunAsync(
                "record", "--task", "supplier.download-invoice", "--sites-url", world.Sites.BaseUrl.ToString(), "--seed", "4", "--out", file);

            Assert.True(code == 0, $"exit {code}: {output}{error}");
            var text = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain(DemoCredentials.SupplierPassword, text, StringComparison.Ordinal);
            var recording = RecordedWorkflowFile.Parse(text);
            Assert.Contains(recording.Steps, s => s.IsPasswordEntry && s.Value == "{{secret:" + DemoCredentials.SupplierPasswordSecret + "}}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Record_InvalidSecretName_ExitsTwoNamingIt()
    {
        var (code, _, error) = await CliBadInputTests.RunAsync("record", "--task", "supplier.download-invoice", "--secret", "my-pass", "--out", "/tmp/never-written.json");

        Assert.Equal(2, code);
        Assert.Contains("error: --secret 'my-pass' is not a valid secret name", error, StringComparison.Ordinal);
    }
}
