using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ScribeActors.Deploy.Tests;

public sealed class KubernetesManifestTests
{
    [Fact]
    public void YamlFiles_UnderDeploy_AllParse()
    {
        var files = YamlFiles.UnderDeploy();
        Assert.True(files.Count > 0, "no *.yaml or *.yml files found under deploy/");

        var problems = new List<string>();
        foreach (var file in files)
        {
            try
            {
                var documents = YamlFiles.Load(file);
                if (documents.Count == 0)
                {
                    problems.Add($"{RepoRoot.Relative(file)}: holds no YAML document");
                }
            }
            catch (YamlException ex)
            {
                problems.Add($"{RepoRoot.Relative(file)}: line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}");
            }
        }

        Assert.True(problems.Count == 0, "YAML that does not parse:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void KubernetesObjects_Each_HaveApiVersionKindAndName()
    {
        var objects = YamlFiles.KubernetesObjects();
        Assert.True(objects.Count > 0, "deploy/k8s holds no Kubernetes objects");

        var problems = new List<string>();
        foreach (var obj in objects)
        {
            foreach (var path in new[] { "apiVersion", "kind", "metadata.name" })
            {
                if (string.IsNullOrWhiteSpace(obj.Root.Scalar(path.Split('.'))))
                {
                    problems.Add($"{obj.Source}: missing {path}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void KubernetesObjects_ExpectedKinds_ArePresent()
    {
        var kinds = YamlFiles.KubernetesObjects().Select(o => o.Kind).ToHashSet();
        string[] expected = ["Namespace", "Secret", "ServiceAccount", "Role", "RoleBinding", "Deployment", "Service", "PodDisruptionBudget"];

        var missing = expected.Where(k => !kinds.Contains(k)).ToList();

        Assert.True(missing.Count == 0, "deploy/k8s has no object of kind: " + string.Join(", ", missing));
    }

    [Fact]
    public void Deployments_PodTemplateLabels_IncludeOrleansServiceAndClusterIds()
    {
        var deployments = Deployments();
        var problems = new List<string>();
        var clusters = new HashSet<string>(StringComparer.Ordinal);
        foreach (var deployment in deployments)
        {
            var labels = deployment.Root.At("spec", "template", "metadata", "labels").Pairs();
            foreach (var label in new[] { "orleans/serviceId", "orleans/clusterId" })
            {
                if (!labels.TryGetValue(label, out var value) || string.IsNullOrWhiteSpace((value as YamlScalarNode)?.Value))
                {
                    problems.Add($"{deployment}: pod template has no '{label}' label (Orleans Kubernetes hosting finds silos by it)");
                }
            }

            clusters.Add($"{deployment.Root.Scalar("spec", "template", "metadata", "labels", "orleans/serviceId")}/{deployment.Root.Scalar("spec", "template", "metadata", "labels", "orleans/clusterId")}");
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(clusters.Count == 1, "the silo deployments name different Orleans clusters (serviceId/clusterId): " + string.Join(", ", clusters));
    }

    [Fact]
    public void Deployments_Selector_MatchesOwnPodTemplateLabels()
    {
        var problems = new List<string>();
        foreach (var deployment in Deployments())
        {
            var selector = deployment.Root.At("spec", "selector", "matchLabels").Pairs();
            var labels = deployment.Root.At("spec", "template", "metadata", "labels").Pairs();
            if (selector.Count == 0)
            {
                problems.Add($"{deployment}: spec.selector.matchLabels is empty");
            }

            foreach (var (key, value) in selector)
            {
                if (!labels.TryGetValue(key, out var label) || (label as YamlScalarNode)?.Value != (value as YamlScalarNode)?.Value)
                {
                    problems.Add($"{deployment}: selector label '{key}' is not on the pod template with the same value");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Deployments_Silos_UseDownwardApiProbesAndGracePeriod()
    {
        var problems = new List<string>();
        foreach (var deployment in Deployments())
        {
            var pod = deployment.Root.At("spec", "template", "spec");
            if (!int.TryParse(pod.Scalar("terminationGracePeriodSeconds"), out var grace) || grace < 60)
            {
                problems.Add($"{deployment}: terminationGracePeriodSeconds must be at least 60 (the silo needs time to leave the cluster)");
            }

            foreach (var container in pod.Child("containers").Items())
            {
                var env = EnvironmentOf(container);
                foreach (var (name, field) in new[] { ("POD_NAME", "metadata.name"), ("POD_IP", "status.podIP"), ("POD_NAMESPACE", "metadata.namespace") })
                {
                    if (!env.TryGetValue(name, out var entry) || entry.Scalar("valueFrom", "fieldRef", "fieldPath") != field)
                    {
                        problems.Add($"{deployment}: env {name} must come from the downward API field {field}");
                    }
                }

                foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
                {
                    var path = container.Scalar(probe, "httpGet", "path");
                    var port = container.Scalar(probe, "httpGet", "port");
                    if (path != "/health" || !PortIsWeb(container, port))
                    {
                        problems.Add($"{deployment}: {probe} must GET /health on the web port 8080 (found path '{path}', port '{port}')");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void GpuDeployment_Container_RequestsGpuAndHasNodeSelector()
    {
        var gpuDeployments = Deployments()
            .Where(d => d.Root.At("spec", "template", "spec", "containers").Items()
                .Any(c => EnvironmentOf(c).TryGetValue("Scribe__Silo__Roles", out var roles)
                    && (roles.Scalar("value") ?? "").Split(',', StringSplitOptions.TrimEntries).Contains("gpu")))
            .ToList();
        Assert.True(gpuDeployments.Count > 0, "no Deployment in deploy/k8s sets Scribe__Silo__Roles to a list containing 'gpu'");

        var problems = new List<string>();
        foreach (var deployment in gpuDeployments)
        {
            var pod = deployment.Root.At("spec", "template", "spec");
            if (pod.Child("nodeSelector").Pairs().Count == 0)
            {
                problems.Add($"{deployment}: has no spec.template.spec.nodeSelector to keep it on GPU nodes");
            }

            foreach (var container in pod.Child("containers").Items())
            {
                var gpus = container.Scalar("resources", "limits", "nvidia.com/gpu");
                if (!int.TryParse(gpus, out var count) || count < 1)
                {
                    problems.Add($"{deployment}: container '{container.Scalar("name")}' has no resources.limits['nvidia.com/gpu'] of at least 1 (found '{gpus}')");
                }

                var roles = EnvironmentOf(container).TryGetValue("Scribe__Silo__Roles", out var r) ? r.Scalar("value") : null;
                if (roles is null || !roles.Split(',', StringSplitOptions.TrimEntries).Contains("inference"))
                {
                    problems.Add($"{deployment}: container '{container.Scalar("name")}' roles '{roles}' lack 'inference'");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Deployments_References_ResolveToObjectsInManifests()
    {
        var objects = YamlFiles.KubernetesObjects();
        var problems = new List<string>();
        foreach (var deployment in Deployments())
        {
            var pod = deployment.Root.At("spec", "template", "spec");
            var account = pod.Scalar("serviceAccountName");
            if (account is null || !objects.Any(o => o.Kind == "ServiceAccount" && o.Name == account))
            {
                problems.Add($"{deployment}: serviceAccountName '{account}' is not a ServiceAccount in deploy/k8s");
            }
            else if (!objects.Any(o => o.Kind == "RoleBinding" && o.Root.Child("subjects").Items().Any(s => s.Scalar("name") == account)))
            {
                problems.Add($"{deployment}: no RoleBinding binds ServiceAccount '{account}'");
            }

            foreach (var container in pod.Child("containers").Items())
            {
                foreach (var entry in EnvironmentOf(container).Values)
                {
                    var secret = entry.Scalar("valueFrom", "secretKeyRef", "name");
                    var key = entry.Scalar("valueFrom", "secretKeyRef", "key");
                    if (secret is null)
                    {
                        continue;
                    }

                    var found = objects.FirstOrDefault(o => o.Kind == "Secret" && o.Name == secret);
                    if (found is null)
                    {
                        problems.Add($"{deployment}: env {entry.Scalar("name")} reads Secret '{secret}', which is not in deploy/k8s");
                    }
                    else if (key is null || (found.Root.At("stringData", key) ?? found.Root.At("data", key)) is null)
                    {
                        problems.Add($"{deployment}: env {entry.Scalar("name")} reads key '{key}', which Secret '{secret}' does not have");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Deployments_VolumesAndModels_ResolveToClaimsAndMounts()
    {
        var objects = YamlFiles.KubernetesObjects();
        var problems = new List<string>();
        foreach (var deployment in Deployments())
        {
            var pod = deployment.Root.At("spec", "template", "spec");
            var volumes = pod.Child("volumes").Items().ToList();
            foreach (var volume in volumes)
            {
                var claim = volume.Scalar("persistentVolumeClaim", "claimName");
                if (claim is not null && !objects.Any(o => o.Kind == "PersistentVolumeClaim" && o.Name == claim))
                {
                    problems.Add($"{deployment}: volume '{volume.Scalar("name")}' claims '{claim}', which is not a PersistentVolumeClaim in deploy/k8s");
                }
            }

            foreach (var container in pod.Child("containers").Items())
            {
                var mounts = container.Child("volumeMounts").Items().ToList();
                foreach (var mount in mounts)
                {
                    if (!volumes.Any(v => v.Scalar("name") == mount.Scalar("name")))
                    {
                        problems.Add($"{deployment}: mount '{mount.Scalar("name")}' names no volume of the pod");
                    }
                }

                foreach (var (name, entry) in EnvironmentOf(container).Where(e => e.Key.StartsWith("Scribe__Models__", StringComparison.Ordinal) && e.Key.EndsWith("__Path", StringComparison.Ordinal)))
                {
                    var path = entry.Scalar("value") ?? "";
                    if (!mounts.Any(m => path.StartsWith((m.Scalar("mountPath") ?? "\0") + "/", StringComparison.Ordinal)))
                    {
                        problems.Add($"{deployment}: {name} = '{path}' is under no volume mount of the container");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Role_ForOrleansHosting_GrantsPodVerbs()
    {
        var roles = YamlFiles.KubernetesObjects().Where(o => o.Kind == "Role").ToList();
        Assert.True(roles.Count > 0, "deploy/k8s has no Role for Orleans Kubernetes hosting");

        var granted = roles
            .SelectMany(r => r.Root.Child("rules").Items())
            .Where(rule => rule.Child("resources").Items().Any(x => (x as YamlScalarNode)?.Value == "pods"))
            .SelectMany(rule => rule.Child("verbs").Items().Select(v => (v as YamlScalarNode)?.Value))
            .ToHashSet();
        var missing = new[] { "get", "list", "watch", "delete" }.Where(v => !granted.Contains(v)).ToList();

        Assert.True(missing.Count == 0, "the Role grants no pod verbs: " + string.Join(", ", missing));
    }

    [Fact]
    public void Service_Ports_ExposeGatewayAndWebAndSelectSiloPods()
    {
        var objects = YamlFiles.KubernetesObjects();
        var service = objects.FirstOrDefault(o => o.Kind == "Service");
        Assert.True(service is not null, "deploy/k8s has no Service");

        var ports = service.Root.At("spec", "ports").Items().Select(p => p.Scalar("port")).ToHashSet();
        Assert.True(ports.Contains("30000") && ports.Contains("8080"), $"{service}: ports are [{string.Join(", ", ports)}], expected 30000 (gateway) and 8080 (web)");

        var selector = service.Root.At("spec", "selector").Pairs();
        var unselected = Deployments().Where(d => !SelectorMatches(selector, d)).Select(d => d.ToString()).ToList();
        Assert.True(unselected.Count == 0, $"{service}: selector does not match the pods of: " + string.Join(", ", unselected));
    }

    [Fact]
    public void PodDisruptionBudgets_Selectors_MatchADeployment()
    {
        var budgets = YamlFiles.KubernetesObjects().Where(o => o.Kind == "PodDisruptionBudget").ToList();
        Assert.True(budgets.Count > 0, "deploy/k8s has no PodDisruptionBudget");

        var orphans = budgets
            .Where(b => !Deployments().Any(d => SelectorMatches(b.Root.At("spec", "selector", "matchLabels").Pairs(), d)))
            .Select(b => b.ToString())
            .ToList();

        Assert.True(orphans.Count == 0, "PodDisruptionBudgets whose selector matches no Deployment's pods: " + string.Join(", ", orphans));
    }

    [Fact]
    public void Kustomization_Resources_AllExist()
    {
        var path = RepoRoot.Resolve("deploy/k8s/kustomization.yaml");
        Assert.True(File.Exists(path), "deploy/k8s/kustomization.yaml is missing");

        var root = YamlFiles.Load(path)[0].RootNode;
        var missing = root.Child("resources").Items()
            .Select(r => (r as YamlScalarNode)?.Value ?? "")
            .Where(r => !File.Exists(Path.Combine(Path.GetDirectoryName(path)!, r)))
            .ToList();

        Assert.True(missing.Count == 0, "deploy/k8s/kustomization.yaml lists resources that do not exist: " + string.Join(", ", missing));
    }

    private static List<KubernetesObject> Deployments()
    {
        var deployments = YamlFiles.KubernetesObjects().Where(o => o.Kind == "Deployment").ToList();
        Assert.True(deployments.Count > 0, "deploy/k8s has no Deployment");
        return deployments;
    }

    private static Dictionary<string, YamlNode> EnvironmentOf(YamlNode container) =>
        container.Child("env").Items()
            .Where(e => e.Scalar("name") is not null)
            .GroupBy(e => e.Scalar("name")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    private static bool PortIsWeb(YamlNode container, string? port) =>
        port == "8080"
        || container.Child("ports").Items().Any(p => p.Scalar("name") == port && p.Scalar("containerPort") == "8080");

    private static bool SelectorMatches(IReadOnlyDictionary<string, YamlNode> selector, KubernetesObject deployment)
    {
        var labels = deployment.Root.At("spec", "template", "metadata", "labels").Pairs();
        return selector.Count > 0 && selector.All(s =>
            labels.TryGetValue(s.Key, out var value) && (value as YamlScalarNode)?.Value == (s.Value as YamlScalarNode)?.Value);
    }
}
