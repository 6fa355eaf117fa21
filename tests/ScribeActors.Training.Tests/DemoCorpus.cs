using System.Net;
using ScribeActors.Agent.Pruning;
using ScribeActors.DemoSites;

namespace ScribeActors.Training.Tests;

/// <summary>Real observations: every task's start page of the demo sites (signed in as each demo user), pruned as the agent prunes them.</summary>
internal static class DemoCorpus
{
    private static readonly (string Site, string User, string Password)[] Users =
    [
        ("supplier", DemoCredentials.SupplierUser, DemoCredentials.SupplierPassword),
        ("expenses", DemoCredentials.EmployeeUser, DemoCredentials.EmployeePassword),
        ("expenses", DemoCredentials.ManagerUser, DemoCredentials.ManagerPassword),
    ];

    /// <summary>The distinct pruned pages of the sites seeded with <paramref name="seed"/>.</summary>
    public static async Task<IReadOnlyList<string>> PagesAsync(int seed)
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: seed);
        var pages = new List<string>();
        foreach (var (site, user, password) in Users)
        {
            using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = sites.BaseUrl };
            using var login = await http.PostAsync(
                $"/{site}/login",
                new FormUrlEncodedContent([new("username", user), new("password", password)]));
            pages.Add(await login.Content.ReadAsStringAsync());
            foreach (var task in sites.CreateTasks())
            {
                pages.Add(await http.GetStringAsync(new Uri(task.StartUrl)));
            }
        }

        var pruned = pages.Select(p => HtmlPruner.Prune(p).Html).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(pruned.Count >= 5, $"Only {pruned.Count} distinct pruned pages came from the demo sites (seed {seed}).");
        return pruned;
    }
}
