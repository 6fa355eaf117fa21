using System.Net;
using System.Text.Json;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Tests.Support;

namespace ScribeActors.DemoSites.Tests;

public sealed class StateApiTests
{
    [Fact]
    public async Task GetStateAsync_FreshSites_HoldsSeededDataAndZeroCounters()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 4);
        using var http = new HttpClient();
        var state = await new DemoSitesClient(http, sites.BaseUrl).GetStateAsync();

        Assert.Equal(4, state.Seed);
        Assert.Equal(35, state.Invoices.Count);
        Assert.Equal(35, state.Invoices.Select(i => i.Number).Distinct().Count());
        Assert.All(state.Invoices, i => Assert.Equal(i.Lines.Sum(l => l.Quantity * l.UnitPrice), i.Amount));
        Assert.True(state.Invoices.Zip(state.Invoices.Skip(1)).All(p => p.First.IssueDate >= p.Second.IssueDate), "Invoices are not newest first.");
        Assert.Contains(state.ExpenseReports, r => r.Status == ExpenseStatus.Pending);
        Assert.DoesNotContain(state.ExpenseReports, r => r.Employee == DemoCredentials.EmployeeUser && r.Status == ExpenseStatus.Pending);
        Assert.Empty(state.Sessions);
        Assert.Empty(state.Disputes);
        Assert.Empty(state.Downloads);
        Assert.Empty(state.Approvals);
        Assert.Equal(FormNames.All.Order(), state.Submissions.Keys.Order());
        Assert.Equal(FormNames.All.Order(), state.FailedSubmissions.Keys.Order());
        Assert.All(state.Submissions.Values, v => Assert.Equal(0, v));
    }

    [Fact]
    public async Task GetState_Json_UsesCamelCaseStringEnumsAndRawFormNames()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var http = new HttpClient { BaseAddress = sites.BaseUrl };
        using var response = await http.GetAsync("/api/state");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        foreach (var property in new[] { "seed", "sessions", "invoices", "disputes", "downloads", "downloadCounts", "searches",
                     "supportMessages", "expenseReports", "approvals", "submissions", "failedSubmissions" })
        {
            Assert.True(root.TryGetProperty(property, out _), $"/api/state lacks '{property}'.");
        }

        Assert.Equal(JsonValueKind.Number, root.GetProperty("submissions").GetProperty("supplier.dispute").ValueKind);
        Assert.Equal(JsonValueKind.String, root.GetProperty("invoices")[0].GetProperty("status").ValueKind);
        Assert.Equal(JsonValueKind.String, root.GetProperty("expenseReports")[0].GetProperty("status").ValueKind);
    }

    [Fact]
    public async Task Reset_AfterActivity_ClearsSessionsDisputesAndCounters()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 2);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();
        var invoice = sites.GetState().Invoices.First(i => i.Status == InvoiceStatus.Open);
        await web.GetAsync($"/supplier/invoices/{invoice.Number}/pdf");
        Assert.NotEmpty(sites.GetState().Sessions);

        using var http = new HttpClient();
        var state = await new DemoSitesClient(http, sites.BaseUrl).ResetAsync(2);

        Assert.Equal(2, state.Seed);
        Assert.Empty(state.Sessions);
        Assert.Empty(state.Downloads);
        Assert.All(state.Submissions.Values, v => Assert.Equal(0, v));
        var afterReset = await web.GetAsync("/supplier/invoices");
        Assert.Equal("/supplier/login", afterReset.Url.AbsolutePath);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Reset_GetOrPost_SetsSeed(string method)
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var http = new HttpClient { BaseAddress = sites.BaseUrl };
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/reset?seed=31"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(31, sites.Seed);
    }

    [Fact]
    public async Task Reset_NoSeed_UsesSeedOne()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 8);
        using var http = new HttpClient { BaseAddress = sites.BaseUrl };
        (await http.PostAsync("/api/reset", null)).EnsureSuccessStatusCode();
        Assert.Equal(1, sites.Seed);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-3")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task Reset_InvalidSeed_Returns400NamingTheSeed(string seed)
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 5);
        using var http = new HttpClient { BaseAddress = sites.BaseUrl };
        using var response = await http.PostAsync($"/api/reset?seed={Uri.EscapeDataString(seed)}", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains($"got '{seed}'", body, StringComparison.Ordinal);
        Assert.Equal(5, sites.Seed);
    }

    [Fact]
    public async Task Tasks_Endpoint_ListsTheCatalogueForTheRequestedSeed()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var http = new HttpClient { BaseAddress = sites.BaseUrl };
        using var json = JsonDocument.Parse(await http.GetStringAsync("/api/tasks?seed=6"));
        Assert.Equal(6, json.RootElement.GetProperty("seed").GetInt32());
        var tasks = json.RootElement.GetProperty("tasks");
        Assert.Equal(6, tasks.GetArrayLength());
        Assert.StartsWith(sites.BaseUrl.AbsoluteUri, tasks[0].GetProperty("startUrl").GetString(), StringComparison.Ordinal);
        Assert.True(tasks[0].GetProperty("script").GetArrayLength() >= 5);
    }

    [Fact]
    public void DemoSitesClient_RelativeBaseUrl_Throws()
    {
        using var http = new HttpClient();
        var ex = Assert.Throws<ArgumentException>(() => new DemoSitesClient(http, new Uri("/relative", UriKind.Relative)));
        Assert.Contains("absolute http(s) URL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoSitesClient_NegativeSeed_Throws()
    {
        using var http = new HttpClient();
        var client = new DemoSitesClient(http, new Uri("http://127.0.0.1:1/"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ResetAsync(-1));
    }

    [Fact]
    public async Task DemoSitesClient_ErrorStatus_ThrowsWithUrlAndStatus()
    {
        using var http = new HttpClient(new FixedStatusHandler(HttpStatusCode.ServiceUnavailable));
        var client = new DemoSitesClient(http, new Uri("http://127.0.0.1:5100/"));
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStateAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Contains("http://127.0.0.1:5100/api/state answered 503", ex.Message, StringComparison.Ordinal);
    }

    private sealed class FixedStatusHandler(HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent("down for maintenance"), RequestMessage = request });
    }

    [Fact]
    public async Task TaskCheck_OverHttp_409UntilTheTaskIsDoneThen200()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 3);
        using var http = new HttpClient { BaseAddress = sites.BaseUrl };
        var task = Tasks.DemoTaskCatalog.Get(sites.BaseUrl, 3, "supplier.dispute-invoice");

        using var before = await http.GetAsync("/api/tasks/supplier.dispute-invoice/check?seed=3");
        using var web = new WebSession(sites.BaseUrl);
        await new ScriptReplayer(web).RunAsync(task.StartUrl, task.Script);
        using var after = await http.GetAsync("/api/tasks/supplier.dispute-invoice/check");
        using var otherSeed = await http.GetAsync("/api/tasks/supplier.dispute-invoice/check?seed=4");

        Assert.Equal(HttpStatusCode.Conflict, before.StatusCode);
        using (var json = JsonDocument.Parse(await before.Content.ReadAsStringAsync()))
        {
            Assert.False(json.RootElement.GetProperty("succeeded").GetBoolean());
            Assert.StartsWith("Not done: ", json.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Equal(3, json.RootElement.GetProperty("seed").GetInt32());
        }

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        using (var json = JsonDocument.Parse(await after.Content.ReadAsStringAsync()))
        {
            Assert.True(json.RootElement.GetProperty("succeeded").GetBoolean());
            Assert.Equal("supplier.dispute-invoice", json.RootElement.GetProperty("task").GetString());
        }

        Assert.Equal(HttpStatusCode.Conflict, otherSeed.StatusCode);
        Assert.Contains("the site runs seed 3 but the task was drawn for seed 4", await otherSeed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskCheck_UnknownTaskOrBadSeed_404Or400NamingIt()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var http = new HttpClient { BaseAddress = sites.BaseUrl };

        using var unknown = await http.GetAsync("/api/tasks/supplier.pay-invoice/check");
        using var badSeed = await http.GetAsync("/api/tasks/supplier.dispute-invoice/check?seed=minus-one");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("There is no demo task 'supplier.pay-invoice'", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badSeed.StatusCode);
        Assert.Contains("'minus-one'", await badSeed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
