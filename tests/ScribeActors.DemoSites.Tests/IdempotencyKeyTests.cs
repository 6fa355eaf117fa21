using System.Net;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Tests.Support;

namespace ScribeActors.DemoSites.Tests;

/// <summary>The sites honour the Idempotency-Key header on form posts and counted downloads: a request sent again under
/// its key changes nothing and gets the first answer, which is what lets a client whose browser died mid-request send it
/// again safely.</summary>
public sealed class IdempotencyKeyTests
{
    private static readonly (string, string)[] Basics = [("date", "2025-04-03"), ("category", "travel"), ("amount", "186.40"), ("merchant", "Deutsche Bahn")];

    [Fact]
    public async Task Post_SentTwiceUnderOneKey_ActsOnceAndAnswersTheSecondAsTheFirst()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 11);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInEmployeeAsync();
        var before = Posts(sites);

        using var first = await web.RawPostAsync("/expenses/new", "wf-1/4", Basics);
        using var second = await web.RawPostAsync("/expenses/new", "wf-1/4", Basics);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.StatusCode, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(["true"], second.Headers.GetValues("Idempotent-Replayed"));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(before + 1, Posts(sites));
        Assert.Equal(new KeyedRepeatCounts(Replayed: 1, 0, 0), sites.GetState().KeyedRepeats);

        // The page the kept answer points to is there: the client goes on as if its first post had answered.
        var details = await web.GetAsync(second.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, details.Status);
    }

    [Fact]
    public async Task Post_SentAgainWhileTheFirstIsProcessed_Is409ThenTheFirstAnswer()
    {
        // The site's latency is part of processing: of two posts under one key that overlap, one is told the other is
        // still running; once it is done, a repeat gets its answer. The site acts once.
        await using var sites = await DemoSitesApp.StartAsync(seed: 11);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInEmployeeAsync();
        var before = Posts(sites);
        using var http = new HttpClient();
        await new DemoSitesClient(http, sites.BaseUrl).SetLatencyAsync(2_000);

        var first = web.RawPostAsync("/expenses/new", "wf-2/4", Basics);
        await Task.Delay(300);
        var second = web.RawPostAsync("/expenses/new", "wf-2/4", Basics);
        using var one = await first;
        using var other = await second;
        using var after = await web.RawPostAsync("/expenses/new", "wf-2/4", Basics);

        var (answered, refused) = one.StatusCode == HttpStatusCode.Conflict ? (other, one) : (one, other);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("A request with the Idempotency-Key 'wf-2/4' is still being processed.", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal(answered.Headers.Location, after.Headers.Location);
        Assert.Equal(["true"], after.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(before + 1, Posts(sites));
        Assert.Equal(new KeyedRepeatCounts(Replayed: 1, InProgress: 1, Mismatched: 0), sites.GetState().KeyedRepeats);
    }

    [Fact]
    public async Task Post_KeyUsedForAnotherBody_Is422AndActsNot()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 11);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInEmployeeAsync();
        using var first = await web.RawPostAsync("/expenses/new", "wf-2/1", Basics);
        var after = Posts(sites);

        using var other = await web.RawPostAsync("/expenses/new", "wf-2/1", [.. Basics[..3], ("merchant", "Other GmbH")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Contains("wf-2/1", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(after, Posts(sites));
        Assert.Equal(new KeyedRepeatCounts(0, 0, Mismatched: 1), sites.GetState().KeyedRepeats);
    }

    [Fact]
    public async Task Post_WithoutKeyOrAfterReset_ActsEachTime()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 11);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInEmployeeAsync();
        var before = Posts(sites);

        using (await web.RawPostAsync("/expenses/new", Basics))
        using (await web.RawPostAsync("/expenses/new", Basics))
        {
            Assert.Equal(before + 2, Posts(sites));
        }

        using (await web.RawPostAsync("/expenses/new", "wf-3/1", Basics))
        {
            Assert.Equal(before + 3, Posts(sites));
        }

        sites.Reset(11);
        await web.SignInEmployeeAsync();
        var reset = Posts(sites);
        using var again = await web.RawPostAsync("/expenses/new", "wf-3/1", Basics);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"), "a key from before the reset was remembered");
        Assert.Equal(reset + 1, Posts(sites));
    }

    [Fact]
    public async Task Download_FetchedTwiceUnderOneKey_CountsOnceAndAnswersTheSameFile()
    {
        // A link's GET carries the action's key because it may be a download; taken again after its browser went
        // away, it must not be counted twice.
        await using var sites = await DemoSitesApp.StartAsync(seed: 11);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();
        var number = sites.GetState().Invoices[0].Number;
        var pdf = $"/supplier/invoices/{number}/pdf";

        using var first = await web.RawGetAsync(pdf, "wf-4/8");
        using var second = await web.RawGetAsync(pdf, "wf-4/8");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(["true"], second.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{number}.pdf", second.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(1, sites.GetState().DownloadCounts[number]);

        using var unkeyed = await web.RawGetAsync(pdf);
        using var otherKey = await web.RawGetAsync(pdf, "wf-4/9");
        Assert.Equal(3, sites.GetState().DownloadCounts[number]);
    }

    [Fact]
    public async Task Download_SignedOutUnderAKey_LeavesTheKeyFreeForTheSignedInFetch()
    {
        // A rebuilt session may have lost its cookie: the redirect to sign-in counted nothing and must not be replayed
        // to the same key once signed in.
        await using var sites = await DemoSitesApp.StartAsync(seed: 11);
        using var web = new WebSession(sites.BaseUrl);
        var number = sites.GetState().Invoices[0].Number;
        var pdf = $"/supplier/invoices/{number}/pdf";

        using var signedOut = await web.RawGetAsync(pdf, "wf-5/2");
        await web.SignInSupplierAsync();
        using var signedIn = await web.RawGetAsync(pdf, "wf-5/2");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.False(signedIn.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, sites.GetState().DownloadCounts[number]);
    }

    [Fact]
    public async Task Get_OfAPage_IgnoresTheKey()
    {
        // Pages are safe: the key a link's GET carries changes nothing, and leaves the key free for the form it leads to.
        await using var sites = await DemoSitesApp.StartAsync(seed: 11);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInEmployeeAsync();
        var before = Posts(sites);

        using var page = await web.RawGetAsync("/expenses/new", "wf-6/3");
        using var again = await web.RawGetAsync("/expenses/new", "wf-6/3");
        using var post = await web.RawPostAsync("/expenses/new", "wf-6/3", Basics);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(before + 1, Posts(sites));
    }

    /// <summary>The report-basics posts the server acted on (it keeps one draft per employee, so drafts do not count them).</summary>
    private static int Posts(RunningDemoSites sites) => sites.GetState().Submissions.GetValueOrDefault("expenses.report-basics");
}
