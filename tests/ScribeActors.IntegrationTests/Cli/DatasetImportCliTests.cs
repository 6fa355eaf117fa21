using ScribeActors.Agent;
using ScribeActors.IntegrationTests.Infrastructure;

namespace ScribeActors.IntegrationTests.Cli;

/// <summary>`scribe dataset import --html`: the real CLI reads a saved page as the reference did.</summary>
[Trait("Suite", "Integration")]
public sealed class DatasetImportCliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}");

    public DatasetImportCliTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task Import_SavedPageWithSelfClosedAnchorsInAForm_WritesReferenceTreeWithNodeIds()
    {
        var (input, output) = (Path.Combine(_folder, "page.html"), Path.Combine(_folder, "page.nodes.html"));
        await File.WriteAllTextAsync(input, "<html><body><form><a href=\"/help\"/><div/><input name=\"q\"><button>Search</button></form></body></html>");

        var (code, _, error) = await CliRun.RunAsync(null, "dataset", "import", "--html", input, "--out", output);

        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Contains("7 elements, 4 levels deep; 2 self-closed non-void elements closed", error, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", error, StringComparison.Ordinal);
        var index = DomIndex.Parse(await File.ReadAllTextAsync(output));
        Assert.Equal("button", index.Find(0)!.LocalName);
        Assert.Equal("form", index.Find(0)!.ParentElement!.LocalName);
        Assert.Equal(0, index.Find(3)!.ChildElementCount); // the <a/>
    }

    [Fact]
    public async Task Import_PageDeeperThanTheParserKeeps_WarnsWithTheCount()
    {
        var input = Path.Combine(_folder, "deep.html");
        await File.WriteAllTextAsync(input, "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 515)) + "<a>x</a></body></html>");

        var (code, output, error) = await CliRun.RunAsync(null, "dataset", "import", "--html", input);

        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Contains("warning: The page nests 518 elements deep, more than the 512 levels the HTML5 parser keeps: 6 of its 518 elements would be flattened", error, StringComparison.Ordinal);
        Assert.StartsWith("<html node=\"517\">", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_SeveralPagesIntoAFolder_WritesEachAndCountsTheTooDeepOnes()
    {
        var (deep, plain, folder) = (Path.Combine(_folder, "deep.html"), Path.Combine(_folder, "plain.html"), Path.Combine(_folder, "out"));
        await File.WriteAllTextAsync(deep, "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 520)) + "</body></html>");
        await File.WriteAllTextAsync(plain, "<p>Total<a/></p>");

        var (code, _, error) = await CliRun.RunAsync(null, "dataset", "import", "--html", deep, plain, "--out", folder);

        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Contains("Imported 2 pages, 524 elements (1 self-closed closed as the reference did); 1 pages deeper than the HTML5 parser keeps (10 elements it would flatten)", error, StringComparison.Ordinal);
        Assert.Equal("<p node=\"1\">Total<a node=\"0\"></a></p>", await File.ReadAllTextAsync(Path.Combine(folder, "plain.nodes.html")));
        Assert.True(File.Exists(Path.Combine(folder, "deep.nodes.html")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
