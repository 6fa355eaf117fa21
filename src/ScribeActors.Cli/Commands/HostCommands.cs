using System.CommandLine;
using ScribeActors.DemoSites;
using ScribeActors.Silo;
using ScribeActors.Silo.Hosting;

namespace ScribeActors.Cli.Commands;

/// <summary>silo and sites: long-running hosts in the foreground.</summary>
internal static class HostCommands
{
    public static Command Silo()
    {
        var port = new Option<int?>("--port") { Description = "Silo-to-silo port (default 11111)." };
        var gateway = new Option<int?>("--gateway-port") { Description = "Client gateway port (default 30000)." };
        var web = new Option<int?>("--web-port") { Description = "Dashboard / REST / health port (default 5080)." };
        var roles = new Option<string?>("--roles") { Description = "Comma-separated roles: browser,inference,gpu (default all)." };
        var clusterId = new Option<string?>("--cluster-id") { Description = "Cluster id (default scribe)." };
        var fast = new Option<bool>("--fast-failure-detection") { Description = "Declare dead silos within seconds (tests, one-host clusters)." };
        var reminder = new Option<int?>("--min-reminder-seconds") { Description = "Lower Orleans' minimum reminder period (tests, demos)." };
        var keepAlive = new Option<int?>("--keepalive-seconds") { Description = "Period of the running-workflow reminder (default 60)." };
        var apiKeys = new Option<string?>("--api-keys") { Description = "Comma-separated API keys (16+ characters each) that the REST API, dashboard and gateway require (default: Scribe:Auth:ApiKeys; none on loopback)." };
        var command = new Command("silo", "Run a silo in the foreground (Ctrl+C stops it).") { port, gateway, web, roles, clusterId, fast, reminder, keepAlive, apiKeys };
        command.SetAction(async (result, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            void Set(string key, object? value)
            {
                if (value is not null)
                {
                    overrides[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            Set("Scribe:Silo:SiloPort", result.GetValue(port));
            Set("Scribe:Silo:GatewayPort", result.GetValue(gateway));
            Set("Scribe:Silo:WebPort", result.GetValue(web));
            Set("Scribe:Silo:Roles", result.GetValue(roles));
            Set("Scribe:Silo:ClusterId", result.GetValue(clusterId));
            Set("Scribe:Auth:ApiKeys", result.GetValue(apiKeys));
            if (result.GetValue(fast))
            {
                Set("Scribe:Silo:FastFailureDetection", "true");
            }

            if (result.GetValue(reminder) is { } seconds)
            {
                Set("Scribe:Silo:MinimumReminderPeriod", TimeSpan.FromSeconds(seconds).ToString());
            }

            if (result.GetValue(keepAlive) is { } keep)
            {
                Set("Scribe:Workflow:KeepAlivePeriod", TimeSpan.FromSeconds(keep).ToString());
            }

            try
            {
                var app = await ScribeSiloHost.BuildAsync([], overrides, cancellationToken: cancellationToken);
                await app.RunAsync(cancellationToken);
                return 0;
            }
            catch (Exception e) when (e is StorageUnavailableException or ScribeActors.Silo.Security.ApiKeyConfigurationException)
            {
                return WorkflowCommands.Fail(e.Message);
            }
        });
        return command;
    }

    public static Command Sites()
    {
        var port = new Option<int>("--port") { Description = "HTTP port on 127.0.0.1.", DefaultValueFactory = _ => 5100 };
        var seed = new Option<int>("--seed") { Description = "Layout and data seed.", DefaultValueFactory = _ => 1 };
        var command = new Command("sites", "Serve the demo sites in the foreground (Ctrl+C stops them).") { port, seed };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var sites = await DemoSitesApp.StartAsync($"http://127.0.0.1:{result.GetValue(port)}", result.GetValue(seed), cancellationToken, Microsoft.Extensions.Logging.LogLevel.Information);
            Console.WriteLine($"Demo sites on {sites.BaseUrl} (supplier portal: {sites.BaseUrl}supplier/, expenses: {sites.BaseUrl}expenses/, state: {sites.BaseUrl}api/state)");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            return 0;
        });
        return command;
    }
}
