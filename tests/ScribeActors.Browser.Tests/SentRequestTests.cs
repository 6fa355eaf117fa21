using System.Collections.Concurrent;
using ScribeActors.Abstractions;
using ScribeActors.Browser.Tests.Infrastructure;
using ScribeActors.Testing;

namespace ScribeActors.Browser.Tests;

/// <summary>The first request of a click or key press that may change server state waits, before it leaves the browser,
/// until the session's owner has recorded it (BrowserSessionOptions.BeforeRequestSent). Checked from the server's side.</summary>
[Collection(ActionCollection.Name)]
public sealed class SentRequestTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Click_FormPost_IsReportedAndHeldBackUntilTheReportCompletes()
    {
        var reports = new ConcurrentQueue<SentRequest>();
        var gate = new TaskCompletionSource();
        var postsWhenTheReportEnded = -1;
        await using var session = await OpenAsync("memos", async sent =>
        {
            reports.Enqueue(sent);
            await gate.Task;
            if (!sent.Landing)
            {
                postsWhenTheReportEnded = CountMemoPosts(); // the last moment before the POST may leave
            }
        });
        var page = await session.ObserveAsync();
        await session.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(page, "note"), "held"));

        var click = session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(page, "add")));
        await Eventually.TrueAsync(() => !reports.IsEmpty, "the POST to be reported");
        Assert.Equal(0, CountMemoPosts());
        Assert.False(click.IsCompleted, "the click finished while its POST was held back");

        gate.SetResult();
        var result = await click;

        Assert.True(result.Succeeded, result.ToString());

        // The server's count only grows: unchanged when the report ended means the POST reached it at no time while
        // the report was held open, and one more now means it left after.
        Assert.Equal(0, postsWhenTheReportEnded);
        Assert.Equal(1, CountMemoPosts());
        var after = await session.ObserveAsync();
        Assert.Contains(">Memos: 1</p>", after.Dom, StringComparison.Ordinal);

        // The post, then the page it led to (the redirect's GET), both recorded before the action returned.
        Assert.Equal(
            [("POST", fixture.Site.Url("memos"), false), ("GET", after.Url, true)],
            reports.Select(r => (r.Method, r.Url, r.Landing)));
        Assert.EndsWith("/memos?added=1", after.Url, StringComparison.Ordinal);
        Assert.EndsWith("(where it led)", reports.Last().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Click_FetchPost_IsReported_AFetchGetAndALinkAreNot()
    {
        var reports = new ConcurrentQueue<SentRequest>();
        await using var session = await OpenAsync("xhr", sent =>
        {
            reports.Enqueue(sent);
            return Task.CompletedTask;
        });
        var page = await session.ObserveAsync();

        Assert.True((await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(page, "peek")))).Succeeded);
        Assert.Empty(reports);
        Assert.True((await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(page, "save")))).Succeeded);
        await Eventually.TrueAsync(() => !reports.IsEmpty, "the fetch POST to be reported");
        var sent = Assert.Single(reports);
        Assert.Equal(("POST", fixture.Site.Url("xhr-save")), (sent.Method, sent.Url));

        await using var links = await OpenAsync("basic.html", sent =>
        {
            reports.Enqueue(sent);
            return Task.CompletedTask;
        });
        Assert.True((await links.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(await links.ObserveAsync(), "to-form")))).Succeeded);
        Assert.Single(reports);
    }

    [Fact]
    public async Task Click_LinkThatDownloadsAFile_IsReportedBeforeTheActionReturns()
    {
        // A GET is safe by HTTP's word, but servers count downloads: the action that caused one must not be taken again.
        var reports = new ConcurrentQueue<SentRequest>();
        await using var session = await OpenAsync("files", async sent =>
        {
            await Task.Delay(200); // a slow storage write: the action's result must still wait for it
            reports.Enqueue(sent);
        });
        var page = await session.ObserveAsync();
        var fetchedBefore = FileFetches();

        var result = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(page, "fetch-file")));

        Assert.True(result.Succeeded, result.ToString());
        var sent = Assert.Single(reports);
        Assert.True(sent.Download);
        Assert.Equal(("GET", fixture.Site.Url("files/report.txt")), (sent.Method, sent.Url));
        Assert.EndsWith("(a download)", sent.ToString(), StringComparison.Ordinal);
        Assert.Equal(fetchedBefore + 1, FileFetches()); // the site is shared by the tests of the collection

        Assert.True((await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(await session.ObserveAsync(), "home")))).Succeeded);
        Assert.Single(reports); // a plain link is not reported
    }

    [Fact]
    public async Task Click_LinkThatDownloadsAFile_CarriesTheActionsKeyAndReportsIt()
    {
        // Known as a download only when its answer arrives: the link's GET carries the key before that, so a server
        // that honours it can count the download once when the action is taken again after its browser went away.
        var reports = new ConcurrentQueue<SentRequest>();
        await using var session = await OpenKeyedAsync("files", reports, _ => "wf-9/4");
        var keyedBefore = fixture.Site.KeyedGets.Count;
        var page = await session.ObserveAsync();

        var result = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(page, "fetch-file")));

        Assert.True(result.Succeeded, result.ToString());
        var sent = Assert.Single(reports);
        Assert.True(sent.Download);
        Assert.Equal("wf-9/4", sent.IdempotencyKey);
        Assert.Equal(new TestSite.ReceivedPost("/files/report.txt", "wf-9/4", null), fixture.Site.KeyedGets.Skip(keyedBefore).Single());

        // A plain link's GET carries it too (the server ignores it on a page), and nothing is reported.
        Assert.True((await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(await session.ObserveAsync(), "home")))).Succeeded);
        Assert.Single(reports);
        Assert.Equal("/basic.html", fixture.Site.KeyedGets.Last().Path);
    }

    [Fact]
    public async Task Click_ReportFails_ThePostNeverReachesTheServerAndTheActionFails()
    {
        await using var session = await OpenAsync("memos", _ => Task.FromException(new IOException("storage is down")));
        var page = await session.ObserveAsync();
        var before = CountMemoPosts();

        var result = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(page, "add")));

        Assert.Equal(before, CountMemoPosts());
        Assert.Equal(ActionFailureKind.NavigationError, result.Failure);
        Assert.Equal($"'click node {Dom.NodeOf(page, "add")}' sent POST {fixture.Site.Url("memos")}, which was held back because recording that it was leaving failed; nothing reached the server.", result.Message);
        Assert.Equal(fixture.Site.Url("memos"), result.UrlAfter);
    }

    [Fact]
    public async Task Click_FormPostWithAnIdempotencyKey_CarriesTheKeyAndItsCookiesAndReportsIt()
    {
        var reports = new ConcurrentQueue<SentRequest>();
        await using var session = await OpenKeyedAsync("login.html", reports, sent => sent.Url.EndsWith("/memos", StringComparison.Ordinal) ? "wf-7/3" : null);
        var login = await session.ObserveAsync();
        Assert.True((await session.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(login, "name"), "ann"))).Succeeded);
        Assert.True((await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(login, "login-btn")))).Succeeded);
        Assert.True((await session.ExecuteAsync(BrowserAction.Goto(fixture.Site.Url("memos")))).Succeeded);
        var memos = await session.ObserveAsync();
        Assert.True((await session.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(memos, "note"), "keyed"))).Succeeded);

        var result = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(memos, "add")));

        Assert.True(result.Succeeded, result.ToString());
        // The header replaced the request's header list: the session cookie must still have gone with it.
        Assert.Equal(new TestSite.ReceivedPost("/memos", "wf-7/3", "ann"), fixture.Site.ReceivedPosts.Last(p => p.Path == "/memos"));
        Assert.Null(fixture.Site.ReceivedPosts.Last(p => p.Path == "/login").IdempotencyKey);
        var sent = reports.Single(r => !r.Landing && r.Url.EndsWith("/memos", StringComparison.Ordinal));
        Assert.Equal("wf-7/3", sent.IdempotencyKey);
        Assert.Null(reports.First(r => r.Url.EndsWith("/login", StringComparison.Ordinal)).IdempotencyKey);
        Assert.Contains(">Memos: ", (await session.ObserveAsync()).Dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Click_KeyedPostAnswered409WhileItsFirstIsProcessed_IsSentAgainWithTheSameBodyAndKeyUntilAnswered()
    {
        // The action taken again after its browser died with the first request in flight: the server is still working
        // on that one and answers 409 to the key. The session waits and sends the same request again (the multipart
        // body byte for byte, boundary included, so the server sees the same request) until the server answers it.
        var key = $"wf-busy/{Guid.NewGuid():N}";
        var form = fixture.Site.KeyedForm;
        form.Busy[key] = true;
        var reports = new ConcurrentQueue<SentRequest>();
        await using var session = await OpenKeyedAsync("keyed-form", reports, sent => SentRequest.IsSafe(sent.Method) ? null : key);
        var page = await session.ObserveAsync();
        Assert.True((await session.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(page, "amount"), "42.50"))).Succeeded);

        var click = session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(page, "send")));
        await Eventually.TrueAsync(() => form.Answered409.GetValueOrDefault(key) >= 2, "the keyed POST to be answered 409 twice");
        Assert.False(click.IsCompleted, "the click finished while the server still answered 409");
        var doneBefore = form.Done;
        form.Busy.TryRemove(key, out _);
        var result = await click;

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(fixture.Site.Url($"keyed-form/done?n={doneBefore + 1}"), result.UrlAfter);
        var bodies = form.Received.Where(r => r.Key == key).Select(r => r.Body).ToArray();
        Assert.Equal(form.Answered409[key] + 1, bodies.Length); // every try carried the key, and one was acted on
        Assert.Single(bodies.Distinct(StringComparer.Ordinal));
        Assert.Contains("42.50", bodies[0], StringComparison.Ordinal);
        Assert.Single(reports, r => !r.Landing); // reported once, before the first try left
        Assert.Contains(">Sent ", (await session.ObserveAsync()).Dom, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.2, 30)] // the window as set
    [InlineData(10, 2.4)] // at most half the navigation timeout, which the page waits under
    public async Task Click_KeyedPostStillAnswered409WhenTheWindowCloses_FailsNamingTheRequestAndTheKey(double waitSeconds, double navigationSeconds)
    {
        var key = $"wf-stuck/{Guid.NewGuid():N}";
        var form = fixture.Site.KeyedForm;
        form.Busy[key] = true;
        await using var host = BrowserFixture.CreateHost(new BrowserOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            KeyInProgressWait = TimeSpan.FromSeconds(waitSeconds),
            NavigationTimeout = TimeSpan.FromSeconds(navigationSeconds),
        });
        await using var session = await host.OpenSessionAsync(new BrowserSessionOptions
        {
            AllowedHosts = [fixture.Site.Host],
            Url = fixture.Site.Url("keyed-form"),
            BeforeRequestSent = _ => Task.CompletedTask,
            IdempotencyKey = sent => SentRequest.IsSafe(sent.Method) ? null : key,
        });
        var page = await session.ObserveAsync();

        var result = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(page, "send")));

        form.Busy.TryRemove(key, out _);
        Assert.Equal(ActionFailureKind.NavigationError, result.Failure);
        var tries = form.Answered409[key];
        Assert.InRange(tries, 2, 3); // waits of 250 and 500 ms, then 1,000 would pass the window: three tries (two when slow)
        Assert.Equal(
            $"'click node {Dom.NodeOf(page, "send")}' sent POST {fixture.Site.Url("keyed-form")} under Idempotency-Key '{key}', answered 409 (a request with that key is still being processed) {tries} times over ",
            result.Message![..result.Message!.IndexOf(" over ", StringComparison.Ordinal)] + " over ");
        Assert.EndsWith("; the server may still act on the first one, so the action is not taken as done.", result.Message, StringComparison.Ordinal);
        Assert.Contains("still being processed", (await session.ObserveAsync()).Dom, StringComparison.Ordinal);
    }

    private int CountMemoPosts() => fixture.Site.Posts("/memos");

    private int FileFetches() => fixture.Site.Requests.Count(r => r.EndsWith("/files/report.txt", StringComparison.Ordinal));

    /// <summary>A session that reports into <paramref name="reports"/> and asks <paramref name="key"/> for each request's
    /// <c>Idempotency-Key</c>.</summary>
    private Task<IBrowserSession> OpenKeyedAsync(string path, ConcurrentQueue<SentRequest> reports, Func<SentRequest, string?> key) =>
        fixture.Host.OpenSessionAsync(new BrowserSessionOptions
        {
            AllowedHosts = [fixture.Site.Host],
            Url = fixture.Site.Url(path),
            BeforeRequestSent = sent =>
            {
                reports.Enqueue(sent);
                return Task.CompletedTask;
            },
            IdempotencyKey = key,
        });

    private Task<IBrowserSession> OpenAsync(string path, Func<SentRequest, Task> beforeSent) =>
        fixture.Host.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = [fixture.Site.Host], Url = fixture.Site.Url(path), BeforeRequestSent = beforeSent });
}
