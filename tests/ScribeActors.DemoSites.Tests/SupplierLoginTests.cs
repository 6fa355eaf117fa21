using System.Net;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Tests.Support;

namespace ScribeActors.DemoSites.Tests;

public sealed class SupplierLoginTests
{
    [Fact]
    public async Task Login_ValidCredentials_RedirectsToInvoicesAndCountsSubmission()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);

        var page = await web.SignInSupplierAsync();

        Assert.Equal("/supplier/invoices", page.Url.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, web.Redirects.Single().Status);
        Assert.Contains("Signed in as Alice Moreau", page.Text, StringComparison.Ordinal);
        var state = sites.GetState();
        Assert.Equal(1, state.SubmissionCount(FormNames.SupplierLogin));
        var session = Assert.Single(state.Sessions);
        Assert.Equal(("supplier", "alice"), (session.Site, session.Username));
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsErrorKeepsUsernameAndCountsFailure()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);

        var page = await web.PostAsync("/supplier/login", ("username", "alice"), ("password", "wrong"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Invalid username or password.", page.Text, StringComparison.Ordinal);
        Assert.Equal("alice", page.Document.QuerySelector("input[name=username]")!.GetAttribute("value"));
        Assert.Equal("", page.Document.QuerySelector("input[name=password]")!.GetAttribute("value"));
        var state = sites.GetState();
        Assert.Equal(1, state.FailedCount(FormNames.SupplierLogin));
        Assert.Equal(0, state.SubmissionCount(FormNames.SupplierLogin));
        Assert.Empty(state.Sessions);
    }

    [Fact]
    public async Task Login_ExpensesAccountOnSupplierPortal_IsRefused()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        var page = await web.PostAsync("/supplier/login", ("username", "bob"), ("password", "bob-pass"));
        Assert.Contains("Invalid username or password.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_EmptyFields_NamesEachMissingField()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);

        var page = await web.PostAsync("/supplier/login", ("username", ""), ("password", ""));

        Assert.Contains("Enter your username.", page.Text, StringComparison.Ordinal);
        Assert.Contains("Enter your password.", page.Text, StringComparison.Ordinal);
        Assert.Equal("true", page.Document.QuerySelector("input[name=username]")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task ProtectedPage_SignedOut_RedirectsToLoginAndBackAfterSignIn()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        var number = sites.GetState().Invoices[3].Number;

        var login = await web.GetAsync($"/supplier/invoices/{number}");
        Assert.Equal("/supplier/login", login.Url.AbsolutePath);
        var returnUrl = login.Document.QuerySelector("input[name=returnUrl]")!.GetAttribute("value");
        Assert.Equal($"/supplier/invoices/{number}", returnUrl);

        var page = await web.PostAsync("/supplier/login", ("username", "alice"), ("password", "alice-pass"), ("returnUrl", returnUrl!));
        Assert.Equal($"/supplier/invoices/{number}", page.Url.AbsolutePath);
    }

    [Fact]
    public async Task Login_ForeignReturnUrl_IsIgnored()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        var page = await web.PostAsync("/supplier/login", ("username", "alice"), ("password", "alice-pass"), ("returnUrl", "//evil.example/x"));
        Assert.Equal("/supplier/invoices", page.Url.AbsolutePath);
    }

    [Fact]
    public async Task Logout_SignedIn_EndsTheServerSession()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();

        var page = await web.GetAsync("/supplier/logout");

        Assert.Equal("/supplier/login", page.Url.AbsolutePath);
        Assert.Empty(sites.GetState().Sessions);
        Assert.Equal("/supplier/login", (await web.GetAsync("/supplier/invoices")).Url.AbsolutePath);
    }

    [Fact]
    public async Task Login_NotAFormPost_Returns415WithExplanation()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var http = new HttpClient { BaseAddress = sites.BaseUrl };
        using var response = await http.PostAsync("/supplier/login", new StringContent("{\"username\":\"alice\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("Expected an HTML form post", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupplierRoot_SignedOut_RedirectsToLogin()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        Assert.Equal("/supplier/login", (await web.GetAsync("/supplier")).Url.AbsolutePath);
        Assert.Equal("/expenses/login", (await web.GetAsync("/expenses")).Url.AbsolutePath);
    }
}
