using ScribeActors.Abstractions;
using ScribeActors.Agent.Datasets;

namespace ScribeActors.Agent.Tests.Datasets;

/// <summary>A small sign-in run (type user, type password placeholder, click, finish) over numbered pages.</summary>
internal static class DatasetSamples
{
    public const string Password = "s3cret-value-42";

    public static readonly string Login = TestPages.Number(
        "<html><body><h1>Supplier portal</h1><form><input name=\"username\"><input name=\"password\" type=\"password\">" +
        "<button type=\"submit\">Sign in</button></form></body></html>");

    public static readonly string Home = TestPages.Number("<html><body><h1>Invoices</h1><a href=\"/invoices\">Open invoices</a></body></html>");

    public static int Node(string page, string tag) => DomIndex.Parse(page).NodeIds.First(id => DomIndex.Parse(page).Find(id)!.LocalName == tag);

    public static int PasswordNode() => DomIndex.Parse(Login).NodeIds.First(id => DomIndex.Parse(Login).Find(id)!.GetAttribute("type") == "password");

    public static IReadOnlyList<DatasetRecord> Records(string task = "supplier.sign-in", string site = "supplier", int seed = 3, DatasetSettings? settings = null, string? homePage = null)
    {
        var recording = new RecordedWorkflow
        {
            Objective = "Sign in as alice with password {{secret:supplier_password}}",
            StartUrl = "http://sites.test/login",
            Steps =
            [
                new RecordedStep { Index = 1, Description = "Type \"alice\"", Action = StepActions.Type, Node = Node(Login, "input"), Value = "alice" },
                new RecordedStep { Index = 2, Description = "Type \"{{secret:supplier_password}}\"", Action = StepActions.Type, Node = PasswordNode(), Value = "{{secret:supplier_password}}" },
                new RecordedStep { Index = 3, Description = "Click \"Sign in\"", Action = StepActions.Click, Node = Node(Login, "button") },
                new RecordedStep { Index = 4, Description = "Finish", Action = StepActions.Finish },
            ],
        };
        var observations = new Dictionary<int, Observation>
        {
            [1] = new() { Url = "http://sites.test/login", Dom = Login },
            [2] = new() { Url = "http://sites.test/login", Dom = Login },
            [3] = new() { Url = "http://sites.test/login", Dom = Login },
            [4] = new() { Url = "http://sites.test/home", Dom = homePage ?? Home },
        };
        return DatasetRecordFactory.Create(new DatasetInstanceKey(task, site, seed), recording, observations, new DatasetOutcome(true, "signed in"), settings ?? new DatasetSettings());
    }

    public static DatasetIdentity Identity(string seeds = "0-1", string tasks = "supplier.sign-in") => new()
    {
        Source = "test",
        Tasks = tasks.Split(','),
        Seeds = seeds,
        ObservationTokens = 1024,
        Fitter = "interactive",
        TokenCounter = "approximate-qwen",
    };

    public static SecretScan Scan() => new(new Dictionary<string, string> { ["supplier_password"] = Password });

    public static string TempFolder() => Path.Combine(Path.GetTempPath(), $"dataset-test-{Guid.NewGuid():N}");
}
