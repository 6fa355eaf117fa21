using ScribeActors.DemoSites.State;
using ScribeActors.IntegrationTests.Infrastructure;

namespace ScribeActors.IntegrationTests.Cli;

/// <summary>`scribe record` leaves the sites' state alone (workflows running on them keep their progress) unless asked
/// to reset it with --reset.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Chromium")]
public sealed class RecordResetTests
{
    private const string Task = "supplier.download-invoice";

    [Fact]
    public async Task Record_WithoutReset_KeepsTheSitesStateWithReset_StartsAndEndsFresh()
    {
        Requirements.Chromium();
        await using var world = await DemoWorld.StartAsync(seed: 4);
        var invoice = world.Task(Task).Parameters["invoice"];
        var file = Path.Combine(Path.GetTempPath(), $"recorded-{Guid.NewGuid():N}.json");
        try
        {
            // Something else happened on the sites first: a newsletter sign-up stands for a workflow's progress.
            await SignUpForNewsletterAsync(world);

            var kept = await Record(world, file);
            Assert.True(kept.Code == 0, $"exit {kept.Code}: {kept.Output}{kept.Error}");
            var state = await world.Client.GetStateAsync();
            Assert.Equal(1, state.SubmissionCount(FormNames.SupplierNewsletter));
            Assert.Contains(state.Downloads, d => d.InvoiceNumber == invoice);

            var reset = await Record(world, file, "--reset");
            Assert.True(reset.Code == 0, $"exit {reset.Code}: {reset.Output}{reset.Error}");
            state = await world.Client.GetStateAsync();
            Assert.Equal(0, state.SubmissionCount(FormNames.SupplierNewsletter));
            Assert.Empty(state.Downloads);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Record_SitesRunAnotherSeedWithoutReset_ExitsTwoNamingBothSeedsAndLeavesThemAlone()
    {
        await using var world = await DemoWorld.StartAsync(seed: 4);
        await SignUpForNewsletterAsync(world);

        var (code, _, error) = await Record(world, "/tmp/never-written.json", "--seed", "5");

        Assert.Equal(2, code);
        Assert.Contains($"error: The sites at {world.Sites.BaseUrl} run seed 4, not 5: give --seed 4, or --reset", error, StringComparison.Ordinal);
        var state = await world.Client.GetStateAsync();
        Assert.Equal(4, state.Seed);
        Assert.Equal(1, state.SubmissionCount(FormNames.SupplierNewsletter));
    }

    private static Task<(int Code, string Output, string Error)> Record(DemoWorld world, string file, params string[] extra) =>
        CliRun.RunAsync(null, ["record", "--task", Task, "--sites-url", world.Sites.BaseUrl.ToString(), "--out", file, .. extra.Contains("--seed") ? extra : [.. extra, "--seed", "4"]]);

    private static async Task SignUpForNewsletterAsync(DemoWorld world)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["newsletter_email"] = "someone@example.com" });
        using var response = await http.PostAsync(new Uri(world.Sites.BaseUrl, "supplier/newsletter"), form);
        Assert.Equal(1, (await world.Client.GetStateAsync()).SubmissionCount(FormNames.SupplierNewsletter));
    }
}
