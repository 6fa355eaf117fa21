using ScribeActors.Abstractions;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Tasks;
using ScribeActors.DemoSites.Tests.Support;

namespace ScribeActors.DemoSites.Tests;

public sealed class TaskCatalogTests
{
    private static readonly Uri Base = new("http://127.0.0.1:5100/");

    public static TheoryData<string, int> TaskIdsAndSeeds()
    {
        var data = new TheoryData<string, int>();
        foreach (var id in DemoTaskCatalog.Ids)
        {
            foreach (var seed in new[] { 1, 2, 3, 17, 42 })
            {
                data.Add(id, seed);
            }
        }

        return data;
    }

    [Fact]
    public void Create_SameSeed_GivesTheSameTasks()
    {
        var a = DemoTaskCatalog.Create(Base, 8);
        var b = DemoTaskCatalog.Create(Base, 8);
        Assert.Equal(a.Select(Describe), b.Select(Describe));
        Assert.NotEqual(a.Select(Describe), DemoTaskCatalog.Create(Base, 9).Select(Describe));
    }

    [Fact]
    public void Create_Catalogue_CoversBothSitesWithFiveToFifteenStepsEndingInFinish()
    {
        var tasks = DemoTaskCatalog.Create(Base, 1);
        Assert.True(tasks.Count >= 5);
        Assert.Equal(DemoTaskCatalog.Ids, tasks.Select(t => t.Id));
        Assert.Equal(["expenses", "supplier"], tasks.Select(t => t.Site).Distinct().Order());
        Assert.Contains(tasks, t => t.Script.Any(s => s.Action == StepActions.KeyCombination && s.Value == "Enter"));
        foreach (var task in tasks)
        {
            Assert.InRange(task.Script.Count, 5, 15);
            Assert.Equal(StepActions.Finish, task.Script[^1].Action);
            Assert.StartsWith(Base.AbsoluteUri + task.Site + "/", task.StartUrl, StringComparison.Ordinal);
            Assert.Equal("1", task.Parameters["seed"]);
            Assert.Contains(task.Parameters["username"], task.Objective, StringComparison.Ordinal);
            Assert.Contains(task.Parameters["password"], task.Objective, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(77)]
    [InlineData(123456)]
    public void Scripts_UseKnownTokensStableSelectorsAndScribeStyleDescriptions(int seed)
    {
        foreach (var task in DemoTaskCatalog.Create(Base, seed))
        {
            foreach (var step in task.Script)
            {
                var where = $"{task.Id} step '{step.Description}'";
                Assert.Contains(step.Action, StepActions.All);
                if (StepActions.NeedsTarget(step.Action))
                {
                    Assert.False(string.IsNullOrWhiteSpace(step.Selector), $"{where} needs a selector.");
                }

                if (step.Selector is not null)
                {
                    Assert.DoesNotMatch("[#]|(^|\\s)\\.|\\[(id|class)[~|^$*]?=", step.Selector);
                }

                Assert.Matches("^(Click|Type|Select|Press|Answer) \"[^\"]+\"$|^Finish$", step.Description);
                if (step.Action is StepActions.Type or StepActions.SelectOption or StepActions.KeyCombination)
                {
                    Assert.False(string.IsNullOrEmpty(step.Value), $"{where} needs a value.");
                }
            }
        }
    }

    [Fact]
    public void Create_ManySeeds_AlwaysDrawsSolvableParameters()
    {
        for (var seed = 0; seed < 400; seed++)
        {
            var tasks = DemoTaskCatalog.Create(Base, seed);
            Assert.Equal(DemoTaskCatalog.Ids.Count, tasks.Count);
            Assert.NotEqual(tasks.Single(t => t.Id == "expenses.approve-report").Parameters["report"],
                tasks.Single(t => t.Id == "expenses.reject-report").Parameters["report"]);
        }
    }

    [Fact]
    public void Create_Seeds0To499_NoTwoTasksOfASeedShareATarget()
    {
        // Every invoice or report a task acts on or answers with; two tasks of one seed on one target cannot both pass.
        string[] targetKeys = ["invoice", "expectedAnswer", "report"];
        for (var seed = 0; seed < 500; seed++)
        {
            var targets = DemoTaskCatalog.Create(Base, seed)
                .SelectMany(t => targetKeys.Where(t.Parameters.ContainsKey).Select(k => (Task: t.Id, Target: t.Parameters[k])))
                .ToList();
            Assert.True(targets.Count >= 5, $"seed {seed}: only {targets.Count} targets found");
            var shared = targets.GroupBy(t => t.Target).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.Task))}");
            Assert.True(!shared.Any(), $"seed {seed}: tasks share a target ({string.Join("; ", shared)})");
        }
    }

    [Theory]
    [InlineData("/relative")]
    [InlineData("ftp://127.0.0.1/")]
    public void Create_BadBaseUrl_ThrowsNamingIt(string url)
    {
        var ex = Assert.Throws<ArgumentException>(() => DemoTaskCatalog.Create(new Uri(url, UriKind.RelativeOrAbsolute), 1));
        Assert.Contains(url, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NegativeSeed_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoTaskCatalog.Create(Base, -1));

    [Fact]
    public void Get_UnknownId_ThrowsListingKnownIds()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => DemoTaskCatalog.Get(Base, 1, "supplier.nope"));
        Assert.Contains("supplier.nope", ex.Message, StringComparison.Ordinal);
        Assert.Contains("supplier.dispute-invoice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_FreshState_FailsWithReasons()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 5);
        var state = sites.GetState();
        foreach (var task in sites.CreateTasks())
        {
            var check = task.Check(state);
            Assert.False(check.Succeeded, $"{task.Id} passes without doing anything.");
            Assert.StartsWith("Not done: ", check.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Check_SiteOnOtherSeed_FailsNamingBothSeeds()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 5);
        var task = DemoTaskCatalog.Get(sites.BaseUrl, 6, "supplier.download-invoice");
        var check = task.Check(sites.GetState());
        Assert.False(check.Succeeded);
        Assert.Contains("the site runs seed 5 but the task was drawn for seed 6", check.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TaskIdsAndSeeds))]
    public async Task ExpertScript_ReplayedOverHttp_PassesTheServerCheck(string id, int seed)
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: seed);
        var task = DemoTaskCatalog.Get(sites.BaseUrl, seed, id);
        using var web = new WebSession(sites.BaseUrl);
        var replayer = new ScriptReplayer(web);

        await replayer.RunAsync(task.StartUrl, task.Script);

        var check = task.Check(sites.GetState());
        Assert.True(check.Succeeded, $"{id} (seed {seed}): {check.Reason}");
        if (task.Parameters.TryGetValue("expectedAnswer", out var answer))
        {
            Assert.Equal(answer, replayer.Answer);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(29)]
    public async Task ExpertScripts_AllTasksAtOnceOnOneReset_EveryCheckPasses(int seed)
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: seed);
        var tasks = DemoTaskCatalog.Create(sites.BaseUrl, seed);

        await Task.WhenAll(tasks.Select(async task =>
        {
            using var web = new WebSession(sites.BaseUrl);
            await new ScriptReplayer(web).RunAsync(task.StartUrl, task.Script);
        }));

        var state = sites.GetState();
        Assert.All(tasks, task => Assert.True(task.Check(state).Succeeded, $"{task.Id}: {task.Check(state).Reason}"));
        Assert.All(state.FailedSubmissions, f => Assert.Equal(0, f.Value));
    }

    [Theory]
    [InlineData("expenses.reject-report", "approve")]
    [InlineData("expenses.reject-report", "reject")]
    [InlineData("expenses.approve-report", "reject")]
    [InlineData("expenses.approve-report", "approve")]
    public async Task DecideCheck_AnotherReportDecidedEitherWay_Fails(string id, string otherVerb)
    {
        // Seen with a model: it rejected the right report, then approved another one; the objective says not to.
        const int seed = 300;
        await using var sites = await DemoSitesApp.StartAsync(seed: seed);
        var tasks = DemoTaskCatalog.Create(sites.BaseUrl, seed);
        var task = tasks.Single(t => t.Id == id);
        using var web = new WebSession(sites.BaseUrl);
        await new ScriptReplayer(web).RunAsync(task.StartUrl, task.Script);
        Assert.True(task.Check(sites.GetState()).Succeeded);
        var taken = tasks.Where(t => t.Parameters.ContainsKey("report")).Select(t => t.Parameters["report"]).ToHashSet();
        var other = sites.GetState().ExpenseReports.First(r => r.Status == ExpenseStatus.Pending && !taken.Contains(r.Id)).Id;

        using (await web.RawPostAsync($"/expenses/approvals/{other}/{otherVerb}"))
        {
        }

        var check = task.Check(sites.GetState());
        Assert.False(check.Succeeded, $"{id} passed after {other} was {otherVerb}d too");
        Assert.Contains($"other reports were decided too: {other}", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpertScript_ReplayedTwice_SecondRunSubmitsNothingNew()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 3);
        var task = DemoTaskCatalog.Get(sites.BaseUrl, 3, "supplier.dispute-invoice");
        using var web = new WebSession(sites.BaseUrl);
        await new ScriptReplayer(web).RunAsync(task.StartUrl, task.Script);

        // A crashed workflow that starts over reaches the dispute form link again and lands on the existing dispute.
        var invoice = task.Parameters["invoice"];
        var page = await web.GetAsync($"/supplier/invoices/{invoice}/dispute");

        Assert.StartsWith("/supplier/disputes/DSP-", page.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.True(task.Check(sites.GetState()).Succeeded);
    }

    private static string Describe(DemoTask t) =>
        $"{t.Id}|{t.Objective}|{t.StartUrl}|{string.Join(",", t.Parameters.Select(p => $"{p.Key}={p.Value}"))}|" +
        string.Join(";", t.Script.Select(s => $"{s.Action}:{s.Selector}:{s.Value}:{s.Description}"));
}
