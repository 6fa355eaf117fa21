using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Planning;
using ScribeActors.Agent.Pruning;
using ScribeActors.Browser;
using ScribeActors.Cli.Infrastructure;

namespace ScribeActors.Cli.Commands;

/// <summary>observe and prune: what the model would see, without a cluster.</summary>
internal static class AgentCommands
{
    public static Command Observe()
    {
        var url = new Argument<string>("url") { Description = "Absolute http(s) URL to open in a local headless Chromium." };
        var (tokenizer, budget, fitter) = CommonOptions();
        var (maxChars, maxElements) = LimitOptions();
        var html = new Option<bool>("--html") { Description = "Print the pruned HTML after the statistics." };
        var command = new Command("observe", "Open URL in a local browser and show what the model would see: pruned HTML, token count, node count.")
        {
            url, tokenizer, budget, fitter, maxChars, maxElements, html,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var target = result.GetValue(url)!;
            if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                return WorkflowCommands.Fail($"'{target}' is not an absolute http(s) URL.");
            }

            var limits = Limits(result.GetValue(maxChars), result.GetValue(maxElements));
            await using var counter = await TokenCounters.OpenAsync(result.GetValue(tokenizer), cancellationToken);
            var options = new BrowserOptions { MaxObservationChars = limits.MaxChars, MaxObservationElements = limits.MaxElements };
            await using var browsers = new PlaywrightBrowserHost(Options.Create(options), NullLogger<PlaywrightBrowserHost>.Instance);
            await using var session = await browsers.OpenSessionAsync(
                new BrowserSessionOptions { AllowedHosts = [HostPattern.Of(uri)], Url = uri.AbsoluteUri }, cancellationToken);
            var observation = await session.ObserveAsync(cancellationToken: cancellationToken);
            if (observation.TooLarge is { } tooLarge)
            {
                // Measured in the page: the DOM never left the browser.
                return WorkflowCommands.Fail(limits.Check(observation.Url, tooLarge.DomChars, tooLarge.Elements)?.Message ?? tooLarge.Message);
            }

            var view = View(observation.Dom, counter.Counter, result.GetValue(budget), result.GetValue(fitter)!, limits);
            Console.WriteLine($"url: {observation.Url}");
            Console.WriteLine($"title: {observation.Title}");
            Console.WriteLine(view.Statistics);
            if (result.GetValue(html))
            {
                Console.WriteLine();
                Console.WriteLine(view.Html);
            }

            return 0;
        });
        return WorkflowCommands.Guarded(command);
    }

    public static Command Prune()
    {
        var file = new Argument<FileInfo>("file") { Description = "HTML file (raw HTML gets node ids; an observed DOM keeps its own). '-' reads standard input." };
        var (tokenizer, budget, fitter) = CommonOptions();
        var (maxChars, maxElements) = LimitOptions();
        var command = new Command("prune", "Prune an HTML file the ScribeAgent way: the pruned HTML on stdout, statistics on stderr.")
        {
            file, tokenizer, budget, fitter, maxChars, maxElements,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var input = result.GetValue(file)!;
            var limits = Limits(result.GetValue(maxChars), result.GetValue(maxElements));
            string text;
            if (input.Name == "-")
            {
                text = await Console.In.ReadToEndAsync(cancellationToken);
            }
            else if (!input.Exists)
            {
                return WorkflowCommands.Fail($"No file at {input.FullName}.");
            }
            else
            {
                text = await File.ReadAllTextAsync(input.FullName, cancellationToken);
            }

            // The limits of an observation apply to a file too: its characters before any work, its elements once parsed.
            var name = input.Name == "-" ? "on standard input" : input.Name;
            if (limits.Check(name, text.Length, -1) is { } tooLong)
            {
                return WorkflowCommands.Fail(tooLong.Message);
            }

            await using var counter = await TokenCounters.OpenAsync(result.GetValue(tokenizer), cancellationToken);
            var view = View(text, counter.Counter, result.GetValue(budget), result.GetValue(fitter)!, limits);
            if (limits.Check(name, text.Length, view.Elements) is { } tooMany)
            {
                return WorkflowCommands.Fail(tooMany.Message);
            }

            Console.Out.WriteLine(view.Html);
            Console.Error.WriteLine(view.Statistics);
            return 0;
        });
        return WorkflowCommands.Guarded(command);
    }

    private static (Option<FileInfo?> Tokenizer, Option<int?> Budget, Option<string> Fitter) CommonOptions() =>
    (
        new Option<FileInfo?>("--model-path") { Description = "GGUF whose tokenizer counts tokens (default: the built-in approximation)." },
        new Option<int?>("--budget") { Description = "Fit the pruned HTML into this many tokens." },
        new Option<string>("--fitter") { Description = "With --budget: interactive (ours) or tail (the reference's).", DefaultValueFactory = _ => "interactive" }
    );

    private static (Option<int> MaxChars, Option<int> MaxElements) LimitOptions()
    {
        var defaults = new BrowserOptions();
        var maxChars = new Option<int>("--max-chars")
        {
            Description = "Largest page, in characters of DOM (a silo's Scribe:Browser:MaxObservationChars).",
            DefaultValueFactory = _ => defaults.MaxObservationChars,
        };
        var maxElements = new Option<int>("--max-elements")
        {
            Description = "Largest page, in elements (a silo's Scribe:Browser:MaxObservationElements).",
            DefaultValueFactory = _ => defaults.MaxObservationElements,
        };
        return (maxChars, maxElements);
    }

    private static ObservationLimits Limits(int maxChars, int maxElements) =>
        maxChars < 1 || maxElements < 1
            ? throw new InvalidOperationException(maxChars < 1 ? $"--max-chars must be at least 1 (got {maxChars})." : $"--max-elements must be at least 1 (got {maxElements}).")
            : new(maxChars, maxElements, "--max-chars (Scribe:Browser:MaxObservationChars on a silo)", "--max-elements (Scribe:Browser:MaxObservationElements on a silo)");

    private static (string Html, string Statistics, int Elements) View(string dom, ITokenCounter counter, int? budget, string fitterName, ObservationLimits limits)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var pruned = HtmlPruner.Prune(dom, new PruneOptions { TokenCounter = counter });
        var pruneMs = clock.Elapsed.TotalMilliseconds;
        var html = pruned.Html;
        var nodes = pruned.NodeIds.Count;
        var tokens = counter.CountTokens(html);
        var fitted = "";
        if (budget is { } b)
        {
            clock.Restart();
            var fit = ModelStepPlanner.CreateFitter(fitterName).Fit(pruned, b, counter);
            html = fit.Html;
            fitted = string.Create(CultureInfo.InvariantCulture, $"; fitted ({fit.Strategy}, budget {b}): {fit.Tokens} tokens, {fit.NodeIds.Count} nodes, truncated {fit.Truncated}, {clock.Elapsed.TotalMilliseconds:F1} ms");
        }

        var statistics = string.Create(CultureInfo.InvariantCulture,
            $"input: {dom.Length} chars, {pruned.SourceElementCount} elements (limits {limits.MaxChars} chars, {limits.MaxElements} elements); pruned: {pruned.Html.Length} chars, {nodes} nodes, {tokens} tokens ({counter.Name}), {pruneMs:F1} ms{fitted}");
        return (html, statistics, pruned.SourceElementCount);
    }
}
