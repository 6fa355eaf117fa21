using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace ScribeActors.Deploy.Tests;

public sealed class ComposeFileTests
{
    private const string ComposePath = "deploy/compose.yaml";

    [Fact]
    public void ComposeServices_Each_HaveImageOrBuild()
    {
        var missing = Services().Where(s => s.Value.Child("image") is null && s.Value.Child("build") is null).Select(s => s.Key).ToList();

        Assert.True(missing.Count == 0, $"{ComposePath}: services with neither image nor build: " + string.Join(", ", missing));
    }

    [Fact]
    public void ComposeServices_WithBuild_PointAtExistingDockerfile()
    {
        var composeDir = Path.GetDirectoryName(RepoRoot.Resolve(ComposePath))!;
        var built = Services().Where(s => s.Value.Child("build") is not null).ToList();
        Assert.True(built.Count > 0, $"{ComposePath}: no service builds the silo image");

        var problems = new List<string>();
        foreach (var (name, service) in built)
        {
            var build = service.Child("build");
            var context = build is YamlScalarNode scalar ? scalar.Value : build.Scalar("context");
            var dockerfile = build.Scalar("dockerfile") ?? "Dockerfile";
            var contextPath = Path.GetFullPath(Path.Combine(composeDir, context ?? "."));
            var dockerfilePath = Path.GetFullPath(Path.Combine(contextPath, dockerfile));
            if (!Directory.Exists(contextPath))
            {
                problems.Add($"service '{name}': build context '{context}' ({contextPath}) does not exist");
            }
            else if (!File.Exists(dockerfilePath))
            {
                problems.Add($"service '{name}': dockerfile '{dockerfile}' does not exist under the build context ({dockerfilePath})");
            }
            else if (!File.Exists(Path.Combine(contextPath, "ScribeActors.sln")))
            {
                problems.Add($"service '{name}': build context '{context}' is not the repository root (the Dockerfile copies src/ and the root build files)");
            }
        }

        Assert.True(problems.Count == 0, $"{ComposePath}:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void ComposeSilos_Environment_SetStorageClusterAndRoles()
    {
        var problems = new List<string>();
        var roles = new List<string>();
        foreach (var (name, service) in Services().Where(s => s.Value.Child("build") is not null))
        {
            var env = service.Child("environment").Pairs();
            foreach (var key in new[] { "Scribe__Storage__ConnectionString", "Scribe__Silo__ClusterId", "Scribe__Silo__ServiceId", "Scribe__Silo__Roles", "Scribe__Silo__AdvertisedIP" })
            {
                if (!env.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace((value as YamlScalarNode)?.Value))
                {
                    problems.Add($"service '{name}': environment has no {key}");
                }
            }

            if (env.TryGetValue("Scribe__Silo__Roles", out var r) && r is YamlScalarNode { Value: { } list })
            {
                roles.Add(list);
            }
        }

        Assert.True(problems.Count == 0, $"{ComposePath}:\n" + string.Join('\n', problems));
        Assert.True(roles.Any(r => r.Contains("inference", StringComparison.Ordinal)), $"{ComposePath}: no silo has the 'inference' role (roles: {string.Join(" | ", roles)})");
        Assert.True(roles.Any(r => r == "browser"), $"{ComposePath}: no browser-only silo (roles: {string.Join(" | ", roles)})");
    }

    [Fact]
    public void ComposeAzurite_ImageAndFlags_MatchThePinnedAzurite()
    {
        var azurite = Services().FirstOrDefault(s => (s.Value.Scalar("image") ?? "").Contains("azurite", StringComparison.OrdinalIgnoreCase));
        Assert.True(azurite.Value is not null, $"{ComposePath}: no service runs an Azurite image");

        using var package = JsonDocument.Parse(File.ReadAllText(RepoRoot.Resolve("Azurite/package.json")));
        var pinned = package.RootElement.GetProperty("dependencies").GetProperty("azurite").GetString();
        var image = azurite.Value.Scalar("image")!;
        Assert.True(image.EndsWith(":" + pinned, StringComparison.Ordinal), $"{ComposePath}: service '{azurite.Key}' runs '{image}', but Azurite/package.json pins {pinned}");

        var command = azurite.Value.Child("command").Items().Select(i => (i as YamlScalarNode)?.Value).ToHashSet();
        var missing = new[] { "--skipApiVersionCheck", "--disableTelemetry", "--loose" }.Where(f => !command.Contains(f)).ToList();
        Assert.True(missing.Count == 0, $"{ComposePath}: service '{azurite.Key}' command lacks " + string.Join(", ", missing));
    }

    private static IReadOnlyDictionary<string, YamlNode> Services()
    {
        var path = RepoRoot.Resolve(ComposePath);
        Assert.True(File.Exists(path), $"{ComposePath} is missing");
        var services = YamlFiles.Load(path)[0].RootNode.Child("services").Pairs();
        Assert.True(services.Count > 0, $"{ComposePath} defines no services");
        return services;
    }
}
