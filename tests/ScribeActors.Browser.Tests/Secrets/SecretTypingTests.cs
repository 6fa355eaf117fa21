using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScribeActors.Abstractions;
using ScribeActors.Browser.Secrets;
using ScribeActors.Browser.Tests.Infrastructure;

namespace ScribeActors.Browser.Tests.Secrets;

/// <summary>Secret placeholders typed in a real Chromium: the value reaches the page only at typing, on allowed hosts
/// only, and never comes back in a capture, URL or message.</summary>
[Collection(ActionCollection.Name)]
public sealed class SecretTypingTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string ApiKey = "Zq9-api-KEY-551";
    private const string SiteOnly = "site-only-secret-77";
    private const string ForeignOnly = "foreign-secret-88";

    private PlaywrightBrowserHost? _host;

    private PlaywrightBrowserHost Host => _host!;

    public Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scribe:Secrets:api_key:Value"] = ApiKey,
            ["Scribe:Secrets:site_only:Value"] = SiteOnly,
            ["Scribe:Secrets:site_only:AllowedHosts"] = fixture.Site.Host,
            ["Scribe:Secrets:foreign_only:Value"] = ForeignOnly,
            ["Scribe:Secrets:foreign_only:AllowedHosts"] = fixture.Site.ForeignHost,
        }).Build();
        _host = new PlaywrightBrowserHost(
            Options.Create(new BrowserOptions { ExecutablePath = BrowserFixture.ChromiumPath }),
            NullLogger<PlaywrightBrowserHost>.Instance,
            new FailingFor("broken", ConfigurationSecretProvider.From(configuration)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    private Task<IBrowserSession> OpenAsync(string url, string[]? secrets = null, params string[] hosts) =>
        Host.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = [fixture.Site.Host, .. hosts], Url = url, SecretNames = secrets ?? [] });

    [Fact]
    public async Task Type_Placeholder_PageGetsTheValueButCapturesUrlsAndCheckpointsShowThePlaceholder()
    {
        await using var session = await OpenAsync(fixture.Site.Url("secrets.html"));
        var page = await session.ObserveAsync();

        var typed = await session.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(page, "q"), "key={{secret:api_key}}"));
        var after = await session.ObserveAsync();

        Assert.True(typed.Succeeded, typed.ToString());
        Assert.Contains("value=\"key={{secret:api_key}}\"", Dom.TagOf(after, "q"), StringComparison.Ordinal);
        Assert.Contains("You typed key={{secret:api_key}}", after.Dom, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, after.Dom, StringComparison.Ordinal);

        var submitted = await session.ExecuteAsync(BrowserAction.Click(Dom.NodeOf(after, "go")));
        var result = await session.ObserveAsync(includeScreenshot: true);
        var checkpoint = await session.CheckpointAsync();

        Assert.True(submitted.Succeeded, submitted.ToString());
        Assert.Contains(fixture.Site.Requests, r => r.Contains(Uri.EscapeDataString(ApiKey), StringComparison.Ordinal)); // the server got the value
        Assert.Contains("{{secret:api_key}}", submitted.UrlAfter, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, submitted.UrlAfter, StringComparison.Ordinal);
        Assert.Contains("Query: key={{secret:api_key}}", result.Dom, StringComparison.Ordinal);
        foreach (var text in new[] { result.Dom, result.Url, result.Title, session.Url, checkpoint.Url })
        {
            Assert.DoesNotContain(ApiKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(ApiKey), text, StringComparison.Ordinal);
        }

        Assert.Null(result.Screenshot); // the secret is on this page: a screenshot cannot be masked
    }

    [Fact]
    public async Task Capture_PasswordField_NeitherMarkupNorTypedValueAndNoScreenshotWhileTyped()
    {
        await using var session = await OpenAsync(fixture.Site.Url("secrets.html"));
        var page = await session.ObserveAsync(includeScreenshot: true);

        Assert.DoesNotContain("value=", Dom.TagOf(page, "pw"), StringComparison.Ordinal);
        Assert.DoesNotContain("markup-password", page.Dom, StringComparison.Ordinal);
        Assert.NotNull(page.Screenshot);

        var typed = await session.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(page, "pw"), "{{secret:site_only}}"));
        var after = await session.ObserveAsync(includeScreenshot: true);

        Assert.True(typed.Succeeded, typed.ToString());
        Assert.DoesNotContain(SiteOnly, after.Dom, StringComparison.Ordinal);
        Assert.DoesNotContain("value=", Dom.TagOf(after, "pw"), StringComparison.Ordinal);
        Assert.Null(after.Screenshot);
        Assert.Null(await session.ScreenshotAsync(after.ObservationId)); // nor later, while the secret is on the page

        var moved = await session.ExecuteAsync(BrowserAction.Goto(fixture.Site.Url("basic.html")));
        var elsewhere = await session.ObserveAsync(includeScreenshot: true);
        Assert.True(moved.Succeeded, moved.ToString());
        Assert.NotNull(elsewhere.Screenshot); // a new document without the secret
    }

    [Fact]
    public async Task Type_SecretLimitedToAnotherHost_FailsNamingSecretAndHostAndTypesNothing()
    {
        await using var session = await OpenAsync(fixture.Site.Url("secrets.html"));
        var page = await session.ObserveAsync();

        var result = await session.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(page, "q"), "{{secret:foreign_only}}"));
        var after = await session.ObserveAsync();

        Assert.False(result.Succeeded);
        Assert.Equal(ActionFailureKind.SecretNotAllowed, result.Failure);
        Assert.Contains("Secret 'foreign_only' may not be typed on host '" + fixture.Site.Host + "'", result.Message, StringComparison.Ordinal);
        Assert.Contains(fixture.Site.ForeignHost, result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ForeignOnly, result.ToString(), StringComparison.Ordinal);
        Assert.Contains("value=\"\"", Dom.TagOf(after, "q"), StringComparison.Ordinal);
        Assert.Matches("<p id=\"mirror\" node=\"\\d+\"></p>", after.Dom); // no input event: nothing was typed

        // The same secret is typed on the host it is limited to.
        await using var foreign = await OpenAsync($"http://{fixture.Site.ForeignHost}/secrets.html", null, fixture.Site.ForeignHost);
        var foreignPage = await foreign.ObserveAsync();
        var allowed = await foreign.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(foreignPage, "q"), "{{secret:foreign_only}}"));
        Assert.True(allowed.Succeeded, allowed.ToString());
        Assert.Contains("You typed {{secret:foreign_only}}", (await foreign.ObserveAsync()).Dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Type_UnknownSecret_FailsNamingItAndHowToConfigureIt()
    {
        await using var session = await OpenAsync(fixture.Site.Url("secrets.html"));
        var page = await session.ObserveAsync();

        var result = await session.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(page, "q"), "{{secret:nope}}"));

        Assert.Equal(ActionFailureKind.SecretUnavailable, result.Failure);
        Assert.Contains("Secret 'nope' is not configured on this browser silo", result.Message, StringComparison.Ordinal);
        Assert.Contains("Scribe__Secrets__nope__Value", result.Message, StringComparison.Ordinal);
        Assert.Contains("value=\"\"", Dom.TagOf(await session.ObserveAsync(), "q"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Type_ProviderThrows_FailsNamingTheSecretAndTheErrorTypeOnly()
    {
        await using var session = await OpenAsync(fixture.Site.Url("secrets.html"));
        var page = await session.ObserveAsync();

        var result = await session.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(page, "q"), "{{secret:broken}}"));

        Assert.Equal(ActionFailureKind.SecretUnavailable, result.Failure);
        Assert.Contains("Secret 'broken' could not be read: the secret provider failed (InvalidOperationException)", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FailingFor.Detail, result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{secret:bad-name}}")]
    [InlineData("{{ secret:api_key }}")]
    public async Task Type_MalformedPlaceholder_InvalidActionAndNothingTyped(string text)
    {
        await using var session = await OpenAsync(fixture.Site.Url("secrets.html"));
        var page = await session.ObserveAsync();

        var result = await session.ExecuteAsync(BrowserAction.Type(Dom.NodeOf(page, "q"), text));

        Assert.Equal(ActionFailureKind.InvalidAction, result.Failure);
        Assert.Contains($"'{text}' is not a valid secret placeholder", result.Message, StringComparison.Ordinal);
        Assert.Contains("value=\"\"", Dom.TagOf(await session.ObserveAsync(), "q"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Select_Placeholder_SecretsAreOnlyTyped()
    {
        await using var session = await OpenAsync(fixture.Site.Url("secrets.html"));
        var page = await session.ObserveAsync();

        var result = await session.ExecuteAsync(BrowserAction.Select(Dom.NodeOf(page, "color-choice"), "{{secret:api_key}}"));

        Assert.Equal(ActionFailureKind.InvalidAction, result.Failure);
        Assert.Contains("secrets can only be typed", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_DeclaredSecretOnThePage_MaskedBeforeItWasEverTyped()
    {
        var url = fixture.Site.Url("submitted?q=" + Uri.EscapeDataString(ApiKey));
        await using var declared = await OpenAsync(url, ["api_key"]);
        await using var undeclared = await OpenAsync(url);

        var masked = await declared.ObserveAsync(includeScreenshot: true);
        var plain = await undeclared.ObserveAsync(includeScreenshot: true);

        Assert.Contains(ApiKey, plain.Dom, StringComparison.Ordinal); // the page does show it: the masking below is not vacuous
        Assert.NotNull(plain.Screenshot);
        Assert.DoesNotContain(ApiKey, masked.Dom, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(ApiKey), masked.Url, StringComparison.Ordinal);
        Assert.Contains("Query: {{secret:api_key}}", masked.Dom, StringComparison.Ordinal);
        Assert.Null(masked.Screenshot);
    }

    /// <summary>The configured secrets, plus one whose store is down.</summary>
    private sealed class FailingFor(string name, ISecretProvider inner) : ISecretProvider
    {
        public const string Detail = "vault at 10.0.0.1 refused";

        public ValueTask<SecretValue?> GetAsync(string secret, CancellationToken cancellationToken = default) =>
            secret == name ? throw new InvalidOperationException(Detail) : inner.GetAsync(secret, cancellationToken);
    }
}
