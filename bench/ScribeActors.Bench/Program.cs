using System.Globalization;
using System.Text.Json;
using ScribeActors.Bench;

// Usage: dotnet ScribeActors.Bench.dll overhead|telemetry|navigation|resume|concurrency|startup|soak|faults|pruning|big-pages|locate|site-latency|fitting|fitting-pages|survival|inference|inference-synthetic|inference-grain|model-step|cli-connect|viewer|training-packing|all
//        [--runs N] [--baseline-cli PATH/scribe.dll] [--workflows N] [--concurrency N] [--svg FILE] [--rounds N] [--seed N] [--steps N] [--model PATH] [--pages DIR,...] [--per-site N] [--targets N] [--requests N] [--shape EMBEDDINGxLAYERS] [--weights f32|q8_0]
//        telemetry: [--runs N] [--blocks N] (not in "all": step time with OTLP export off vs on, alternating silos)
//        survival: [--first-seed N] [--seeds N] (not in "all": every demo task on N seeds; SCRIBE_SURVIVAL_DUMP=DIR writes the lost steps' pages)
//        big-pages: [--shapes table,deep,...] [--sizes 1,2.5,5,10] (MB) [--runs N] [--model PATH | --no-model] (not in "all": ten shapes at four sizes take minutes)
//        training-packing: --data DIR [--records N] [--threads N] [--rounds N] [--embd N --layers N --ff N] [--model GGUF for the vocabulary]
//                          (not in "all": an epoch padded against an epoch packed, alternating, on a dataset's train records)
// Prints one JSON document on stdout; progress goes to stderr. overhead, resume, concurrency and model-step need Azurite
// (./scribe.sh bench starts it) and Chromium; navigation needs only Chromium; pruning, locate and site-latency need nothing; fitting needs only Chromium; fitting-pages needs
// Chromium and HTML documents (installed documentation by default, or --pages DIR,...); inference needs only
// the tiny GGUF in <repo>/../shared/models (or --model PATH); model-step needs that model too.
var what = args.FirstOrDefault() ?? "all";
string? Text(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

var results = new Dictionary<string, object>
{
    ["machine"] = new { Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, dotnet = Environment.Version.ToString() },
    ["startedAt"] = DateTimeOffset.UtcNow,
};
if (what is "overhead" or "all")
{
    results["overhead"] = await OverheadBenchmark.RunAsync(Arg("--runs", 5));
}

if (what is "navigation" or "all")
{
    results["navigation"] = await NavigationBenchmark.RunAsync(Arg("--runs", 40));
}

if (what is "resume" or "all")
{
    results["resume"] = await ResumeBenchmark.RunAsync(Arg("--runs", 5));
}

if (what is "concurrency" or "all")
{
    results["concurrency"] = await ConcurrencyBenchmark.RunAsync(Arg("--workflows", 100));
}

if (what is "pruning" or "all")
{
    results["pruning"] = PruningBenchmark.Run(Arg("--runs", 5));
}

if (what is "locate" or "all")
{
    results["locate"] = LocatorBenchmark.Run(Arg("--runs", 10));
}

if (what is "site-latency" or "all")
{
    results["siteLatency"] = await SiteLatencyBenchmark.RunAsync(Arg("--runs", 10));
}

if (what is "fitting" or "all")
{
    results["fitting"] = await FittingBenchmark.RunAsync();
}

if (what is "survival") // not in "all": it walks every demo task on several seeds
{
    results["survival"] = await SurvivalBenchmark.RunAsync(Arg("--first-seed", 0), Arg("--seeds", 5));
}

if (what is "fitting-pages") // not in "all": it reads whatever HTML documentation this machine has installed
{
    results["fittingPages"] = await RealPagesFittingBenchmark.RunAsync(Text("--pages"), Arg("--per-site", 8), Arg("--targets", 20));
}

if (what is "big-pages")
{
    results["bigPages"] = await ScribeActors.Bench.BigPages.BigPagesBenchmark.RunAsync(Text("--shapes"), Text("--sizes"), Arg("--runs", 3), Text("--model"), !args.Contains("--no-model"));
}

if (what is "inference" or "all")
{
    results["inference"] = await InferenceBenchmark.RunAsync(Text("--model"));
}

if (what is "inference" or "inference-synthetic" or "all")
{
    results["inferenceSynthetic"] = await InferenceBenchmark.RunSyntheticAsync(Text("--model"), Text("--shape") ?? "512x8", Text("--weights") ?? "f32");
}

if (what is "inference-grain" or "all")
{
    results["inferenceGrain"] = await InferenceGrainBenchmark.RunAsync(Text("--model"), Arg("--requests", 32));
}

if (what is "telemetry") // not in "all": it starts a silo per block
{
    results["telemetry"] = await TelemetryOverheadBenchmark.RunAsync(Arg("--runs", 3), Arg("--blocks", 2));
}

if (what is "cli-connect") // not in "all": it needs the CLI built, and --baseline-cli for a comparison
{
    results["cliConnect"] = await CliConnectBenchmark.RunAsync(Arg("--runs", 6), Text("--baseline-cli"));
}

if (what is "model-step" or "all")
{
    results["modelStep"] = await ModelStepBenchmark.RunAsync(Arg("--workflows", 3), Arg("--steps", 8));
}

if (what is "startup" or "all")
{
    results["startup"] = await StartupBenchmark.RunAsync(Arg("--runs", 20));
}

if (what is "viewer") // not in "all": it runs the dispute task several times with the run page open
{
    results["viewer"] = await ViewerBenchmark.RunAsync(Arg("--runs", 3), Arg("--loads", 20));
}

if (what is "training-packing") // not in "all": it trains several epochs on a dataset's records
{
    results["trainingPacking"] = await TrainingPackingBenchmark.RunAsync(Text("--data"), Text("--model"), Arg("--records", 600), Arg("--threads", 1), Arg("--rounds", 2), Arg("--embd", 64), Arg("--layers", 2), Arg("--ff", 192));
}

if (what is "faults") // not in "all": it runs for tens of minutes
{
    results["faults"] = await FaultsBenchmark.RunAsync(Arg("--rounds", 50), Arg("--seed", 1), Text("--only"), Text("--after") is { } after ? int.Parse(after, CultureInfo.InvariantCulture) : null, Text("--keep-logs"));
}

if (what is "soak") // not in "all": it runs for tens of minutes
{
    results["soak"] = await SoakBenchmark.RunAsync(Arg("--workflows", 1000), Arg("--concurrency", 4), Text("--svg"));
}

if (results.Count == 2)
{
    Console.Error.WriteLine($"Unknown benchmark '{what}': use overhead, telemetry, navigation, resume, concurrency, startup, soak, faults, pruning, big-pages, locate, site-latency, fitting, fitting-pages, survival, inference, inference-synthetic, inference-grain, model-step, cli-connect, viewer, training-packing or all.");
    return 2;
}

Console.WriteLine(JsonSerializer.Serialize(results, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
return 0;
