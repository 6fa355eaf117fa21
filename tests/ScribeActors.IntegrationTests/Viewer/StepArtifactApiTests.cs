using System.Net;
using ScribeActors.IntegrationTests.Infrastructure;

namespace ScribeActors.IntegrationTests.Viewer;

/// <summary>The REST routes for a step's stored artefacts: the DOM as inert text, the screenshot as PNG, a model step's
/// prompt as text, and a 404 saying why when there is nothing to read.</summary>
[Collection(ViewerCollection.Name), Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class StepArtifactApiTests(ViewerFixture viewer)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task Observation_StoredStep_AnsweredAsInertTextWithNodeIds()
    {
        using var http = ApiHttp.Client(viewer.Silo.WebUrl, ViewerFixture.Key);
        using var response = await http.GetAsync($"/api/workflows/{viewer.FinishedRun.Id}/steps/4/observation");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sandbox", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        var dom = await response.Content.ReadAsStringAsync();
        var stored = await viewer.Silo.Client.GetObservationAsync(viewer.FinishedRun.Id, 4);
        Assert.Equal(stored.Dom, dom);
        Assert.Contains($" node=\"{viewer.FinishedRun.Steps[4].Action!.NodeId}\">Step 5<", dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screenshot_StoredStep_AnsweredAsPng()
    {
        using var http = ApiHttp.Client(viewer.Silo.WebUrl, ViewerFixture.Key);
        using var response = await http.GetAsync($"/api/workflows/{viewer.FinishedRun.Id}/steps/0/screenshot");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 1000, $"a {bytes.Length}-byte screenshot");
        Assert.Equal(PngSignature, bytes[..8]);
    }

    [Theory]
    [InlineData("steps/12/screenshot", "there is no step 12")]
    [InlineData("steps/-1/observation", "there is no step -1")]
    public async Task Artifact_StepTheRunDoesNotHave_Answers404NamingIt(string route, string detail)
    {
        using var http = ApiHttp.Client(viewer.Silo.WebUrl, ViewerFixture.Key);
        using var response = await http.GetAsync($"/api/workflows/{viewer.FinishedRun.Id}/{route}");
        var problem = await ApiHttp.ProblemAsync(response, 404);
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("has 12 step(s)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompt_ReplayStep_Answers404SayingNoModelDecidedIt()
    {
        using var http = ApiHttp.Client(viewer.Silo.WebUrl, ViewerFixture.Key);
        using var response = await http.GetAsync($"/api/workflows/{viewer.FinishedRun.Id}/steps/3/prompt");
        var problem = await ApiHttp.ProblemAsync(response, 404);
        Assert.Contains("Step 3 of workflow", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("was not decided by a model, so it has no prompt", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Artifact_UnknownWorkflow_Answers404()
    {
        using var http = ApiHttp.Client(viewer.Silo.WebUrl, ViewerFixture.Key);
        using var response = await http.GetAsync("/api/workflows/no-such-run-7/steps/0/screenshot");
        var problem = await ApiHttp.ProblemAsync(response, 404);
        Assert.Contains("no-such-run-7", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
