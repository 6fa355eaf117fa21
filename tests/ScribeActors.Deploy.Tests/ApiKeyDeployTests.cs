using YamlDotNet.RepresentationModel;

namespace ScribeActors.Deploy.Tests;

/// <summary>Every deployed silo listens beyond loopback, so every one must get its API keys from a secret: a
/// Kubernetes Secret through secretKeyRef, or the SCRIBE_API_KEY variable (required) in compose. Never a literal.</summary>
public sealed class ApiKeyDeployTests
{
    private const string KeysVariable = "Scribe__Auth__ApiKeys";

    [Fact]
    public void KubernetesSilos_ApiKeys_ComeFromASecretThatHasTheKey()
    {
        var objects = YamlFiles.KubernetesObjects();
        var secrets = objects.Where(o => o.Kind == "Secret").ToDictionary(o => o.Name ?? "", o => o, StringComparer.Ordinal);
        var deployments = objects.Where(o => o.Kind == "Deployment").ToList();
        Assert.True(deployments.Count > 0, "deploy/k8s has no Deployment");

        var problems = new List<string>();
        foreach (var deployment in deployments)
        {
            foreach (var container in deployment.Root.At("spec", "template", "spec", "containers").Items())
            {
                var env = container.Child("env").Items().Where(e => e.Scalar("name") is not null).ToDictionary(e => e.Scalar("name")!, StringComparer.Ordinal);
                if (env.TryGetValue("Scribe__Silo__ListenOnAnyHostAddress", out var any) && any.Scalar("value") != "true")
                {
                    continue;
                }

                if (!env.TryGetValue(KeysVariable, out var keys))
                {
                    problems.Add($"{deployment}: container '{container.Scalar("name")}' listens on all interfaces but sets no {KeysVariable} (the silo would refuse to start)");
                    continue;
                }

                if (keys.Scalar("value") is not null)
                {
                    problems.Add($"{deployment}: {KeysVariable} is a literal value; read it from a Secret with valueFrom.secretKeyRef");
                    continue;
                }

                var secret = keys.Scalar("valueFrom", "secretKeyRef", "name");
                var key = keys.Scalar("valueFrom", "secretKeyRef", "key");
                if (secret is null || key is null)
                {
                    problems.Add($"{deployment}: {KeysVariable} does not come from valueFrom.secretKeyRef (name and key)");
                }
                else if (!secrets.TryGetValue(secret, out var found))
                {
                    problems.Add($"{deployment}: {KeysVariable} reads Secret '{secret}', which is not in deploy/k8s");
                }
                else if (found.Root.At("stringData", key) is null && found.Root.At("data", key) is null)
                {
                    problems.Add($"{deployment}: {KeysVariable} reads key '{key}', which Secret '{secret}' does not have");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void KubernetesApiKeySecret_Placeholder_IsTooShortToStartASilo()
    {
        var secret = YamlFiles.KubernetesObjects().SingleOrDefault(o => o.Kind == "Secret" && o.Name == "scribe-api-keys");
        Assert.True(secret is not null, "deploy/k8s has no Secret 'scribe-api-keys'");
        var placeholder = secret.Root.Scalar("stringData", "api-keys") ?? "";

        // A template applied unchanged must not hand out a well-known key: the silo refuses keys under 16 characters.
        Assert.True(placeholder.Split(',').All(k => k.Trim().Length < 16), $"the placeholder '{placeholder}' is long enough to be accepted as a real key");
    }

    [Fact]
    public void Kustomization_ApiKeySecret_IsNotApplied()
    {
        var resources = YamlFiles.Load(RepoRoot.Resolve("deploy/k8s/kustomization.yaml"))[0].RootNode.Child("resources").Items()
            .Select(r => (r as YamlScalarNode)?.Value).ToList();

        Assert.DoesNotContain("api-keys-secret.yaml", resources);
    }

    [Fact]
    public void ComposeSilos_ApiKeys_ComeFromTheRequiredEnvironmentVariable()
    {
        var services = YamlFiles.Load(RepoRoot.Resolve("deploy/compose.yaml"))[0].RootNode.Child("services").Pairs();
        var problems = new List<string>();
        var silos = 0;
        foreach (var (name, service) in services.Where(s => s.Value.Child("build") is not null))
        {
            silos++;
            var value = service.Child("environment").Pairs().TryGetValue(KeysVariable, out var v) ? (v as YamlScalarNode)?.Value : null;
            if (value is null)
            {
                problems.Add($"service '{name}': environment has no {KeysVariable}");
            }
            else if (!value.StartsWith("${SCRIBE_API_KEY:?", StringComparison.Ordinal) || !value.EndsWith('}'))
            {
                problems.Add($"service '{name}': {KeysVariable} is '{value}', not the required variable ${{SCRIBE_API_KEY:?message}} (compose must stop when it is unset)");
            }
        }

        Assert.True(silos > 0, "deploy/compose.yaml builds no silo");
        Assert.True(problems.Count == 0, "deploy/compose.yaml:\n" + string.Join('\n', problems));
    }
}
