using ScribeActors.Silo;
using ScribeActors.Silo.Hosting;
using ScribeActors.Silo.Security;

// The silo of the container image (deploy/docker/Dockerfile). Configuration comes from appsettings.json, the
// environment (Scribe__Silo__Roles, Scribe__Storage__ConnectionString, ...; see deploy/README.md) and the command line
// (--Scribe:Silo:Roles=browser). `scribe silo` builds the same host for local use; SIGTERM stops it gracefully.
try
{
    await using var app = await ScribeSiloHost.BuildAsync(args);
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is StorageUnavailableException or ApiKeyConfigurationException)
{
    // A setting is missing or wrong: one line naming it, and the exit code `scribe silo` uses for the same failure.
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 2;
}
