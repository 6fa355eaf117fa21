using System.Diagnostics;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Prompting;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Planning;

/// <summary>
/// The ScribeAgent step, end to end on the model side: prune the observed DOM (with the model's tokenizer for the
/// char-to-token filter) → fit it into the context left by the prompt without the page and the reserved output →
/// build the prompt (system line and sections exactly as specified, the model's chat template) → build the grammar for
/// the node ids actually shown → generate → parse, validate (node on the page, action mappable) and copy the Target
/// from the page. An invalid output is generated again with the next seed, a bounded number of times, and then the
/// step fails with the reasons: the planner never guesses an action.
/// </summary>
public static class ModelStepPlanner
{
    /// <summary>Tokens kept free beyond the reserved output, for the tokenizer's disagreements at joins.</summary>
    public const int SafetyMargin = 8;

    /// <summary>The smallest observation budget worth asking a model with.</summary>
    public const int MinObservationTokens = 16;

    /// <summary>Plans one step.</summary>
    /// <exception cref="ArgumentException">The request has an empty objective or URL, or unknown settings.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (also mid-generation).</exception>
    public static async Task<PlannedStep> PlanAsync(PlanRequest request, IStepGenerator generator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Objective);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Url);
        ArgumentNullException.ThrowIfNull(request.Dom);
        var settings = request.Settings;
        var fitter = CreateFitter(settings.Fitter);

        // The model's tokenizer is a native call per text: the pieces the fitter counts (closing tags, repeated texts)
        // are asked once per step.
        var tokens = generator.Tokens as CachingTokenCounter ?? new CachingTokenCounter(generator.Tokens);
        var clock = Stopwatch.StartNew();
        var pruned = HtmlPruner.Prune(request.Dom, new PruneOptions { TokenCounter = tokens });
        var pruneTime = clock.Elapsed;
        cancellationToken.ThrowIfCancellationRequested();

        clock.Restart();
        var history = request.History.Select((step, i) => step with { Number = i + 1 }).ToList();
        var stepNumber = history.Count + 1;
        var fixedTokens = tokens.CountTokens(
            generator.Template.Render(ScribePrompt.SystemLine, ScribePrompt.UserMessage(request.Objective, request.Url, "", history)));
        var budget = generator.ContextSize - fixedTokens - settings.MaxOutputTokens - SafetyMargin;
        if (budget < MinObservationTokens)
        {
            return new PlannedStep
            {
                Error = $"The prompt without the page already takes {fixedTokens} tokens (objective, URL, {history.Count} previous steps, " +
                    $"template); with {settings.MaxOutputTokens} tokens reserved for the answer, the model's {generator.ContextSize}-token " +
                    $"context leaves {Math.Max(budget, 0)} tokens for the page (at least {MinObservationTokens} needed). Shorten the objective " +
                    "or the history, or use a model with a larger context.",
                Prune = pruneTime,
                Fit = clock.Elapsed,
                Fitter = fitter.Name,
            };
        }

        var fitted = fitter.Fit(pruned, budget, tokens, request.Objective);
        var user = ScribePrompt.UserMessage(request.Objective, request.Url, fitted.Html, history);
        var prompt = generator.Template.Render(ScribePrompt.SystemLine, user);

        // Tokens do not add up exactly across the joins of the prompt's parts: refit once with the overflow taken off.
        var overflow = tokens.CountTokens(prompt) + settings.MaxOutputTokens - generator.ContextSize;
        if (overflow > 0)
        {
            fitted = fitter.Fit(pruned, Math.Max(0, budget - overflow - SafetyMargin), tokens, request.Objective);
            user = ScribePrompt.UserMessage(request.Objective, request.Url, fitted.Html, history);
            prompt = generator.Template.Render(ScribePrompt.SystemLine, user);
        }

        // Options are never targets (a click on one is a select_option_action on its select): the grammar leaves them out.
        var shown = fitted.NodeIds.Where(id => ActionMapper.TagName(pruned.TargetTag(id)) != "option").ToHashSet();
        var grammar = StepGrammar.Build(stepNumber, shown, new StepGrammarOptions
        {
            NodeRepeat = settings.NodeRepeat,
            NodeActions = pruned.ActionsOf,
            NodeValues = pruned.ValuesOf,
            NodeNames = pruned.NameOf,
            TypedTextSource = settings.TypedTextFromObjective ? request.Objective : null,
            NodePreference = id => RowMatch.Score(request.Objective, pruned.RowOf(id)),
            Verbs = settings.DescriptionForm == "recorded" ? DescriptionVerbs.Recorded : null,
            AllowedActions = settings.AllowFinish ? Abstractions.StepActions.All : [.. Abstractions.StepActions.All.Where(a => a != Abstractions.StepActions.Finish)],
            MaxDescriptionChars = DescriptionBudget(settings.MaxOutputTokens, settings.NodeRepeat, stepNumber, shown),
        });
        var fitTime = clock.Elapsed;

        var rejected = new List<string>();
        TimeSpan queue = TimeSpan.Zero, prefill = TimeSpan.Zero, decode = TimeSpan.Zero;
        GeneratedText? last = null;
        for (var attempt = 0; attempt <= settings.MaxInvalidRetries; attempt++)
        {
            var call = new GenerationCall(ScribePrompt.SystemLine, user, prompt, grammar, settings.MaxOutputTokens, settings.Temperature, settings.TopP, settings.Seed + attempt);
            last = await generator.GenerateAsync(call, cancellationToken).ConfigureAwait(false);
            queue += last.Queue;
            prefill += last.Prefill;
            decode += last.Decode;
            var (step, mapping, problem) = Validate(last.Text, stepNumber, shown, pruned, settings.AllowFinish);
            if (step is not null)
            {
                return Result(step, mapping, null);
            }

            rejected.Add($"attempt {attempt + 1}: {problem}");
        }

        return Result(null, null, $"The model wrote no valid step in {rejected.Count} attempt{(rejected.Count == 1 ? "" : "s")}; last: {rejected[^1]}");

        PlannedStep Result(ScribeStep? step, StepMapping? mapping, string? error) => new()
        {
            Step = step,
            Mapping = mapping,
            Error = error,
            RawOutput = last?.Text ?? "",
            PromptTokens = last?.PromptTokens ?? 0,
            OutputTokens = last?.OutputTokens ?? 0,
            ObservationTokens = fitted.Tokens,
            ShownNodes = shown.Count,
            ShownNodeIds = shown,
            Truncated = fitted.Truncated,
            Fitter = fitted.Strategy,
            Attempts = rejected.Count + (step is null ? 0 : 1),
            Rejected = rejected,
            Prune = pruneTime,
            Fit = fitTime,
            Queue = queue,
            Prefill = prefill,
            Decode = decode,
            Prompt = prompt,
        };
    }

    /// <summary>
    /// The longest Description the grammar allows so that a whole step fits in <paramref name="maxOutputTokens"/> even with
    /// a tokenizer that spends a token per character (tiny models do): the tokens left after the fixed lines, the longest
    /// action token and the node line, capped at 200 characters and at least 8.
    /// </summary>
    public static int DescriptionBudget(int maxOutputTokens, int nodeRepeat, int stepNumber, IReadOnlyCollection<int> nodeIds)
    {
        ArgumentNullException.ThrowIfNull(nodeIds);
        var longestId = nodeIds.Count == 0 ? 4 : nodeIds.Max(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var longestAction = Abstractions.StepActions.All.Max(a => a.Length);
        var fixedChars = $"{stepNumber}.\nDescription: \nAction: \nNode: \n".Length + longestAction + ((longestId + 1) * Math.Max(1, nodeRepeat));
        return Math.Clamp(maxOutputTokens - fixedChars - 4, 8, 200);
    }

    /// <summary>The fitter named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static IDomFitter CreateFitter(string name) => name switch
    {
        "interactive" => new InteractiveFirstFitter(),
        "tail" => new TailFitter(),
        _ => throw new ArgumentException($"Unknown fitter '{name}'; use 'interactive' or 'tail'.", nameof(name)),
    };

    /// <summary>Parses and validates one output: the block's shape and number, a node that was shown, an action the
    /// browser can perform (returned with the step); the Target is the page's, never the model's.</summary>
    private static (ScribeStep? Step, StepMapping? Mapping, string? Problem) Validate(string output, int stepNumber, IReadOnlySet<int> shown, PrunedHtml pruned, bool allowFinish)
    {
        ScribeStep step;
        try
        {
            step = StepCompletion.Complete(output, stepNumber, shown, pruned.TargetTag);
        }
        catch (StepFormatException e)
        {
            return (null, null, e.Message);
        }

        if (!allowFinish && step.Action == Abstractions.StepActions.Finish)
        {
            return (null, null, "a finish step is not allowed here (the model stands in for one step of a replay)");
        }

        var mapping = ActionMapper.Map(step.Action, step.Node, step.Description, null, step.Target);
        return mapping.Succeeded ? (step, mapping, null) : (null, null, $"the step cannot be performed: {mapping.Error}");
    }
}
