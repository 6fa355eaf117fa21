using System.Text.RegularExpressions;
using AngleSharp.Css.Parser;
using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Success;

/// <summary>
/// Whether a step source's finish meets the workflow's <see cref="SuccessCriteria"/>. Pure: the page criteria are judged
/// on the observation the source finished on; the server check's answer is fetched by the caller and passed in.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>No criteria: the finish is met but not verified (the answer is the step source's word).</item>
/// <item><see cref="SuccessCriteria.UrlPattern"/>: a regular-expression search of the observation's URL.</item>
/// <item><see cref="SuccessCriteria.Texts"/>: each is in <see cref="DomIndex.PageText"/>, case-insensitively, whitespace collapsed.</item>
/// <item><see cref="SuccessCriteria.Elements"/>: each CSS selector matches an element (<see cref="DomIndex.CountMatches"/>).</item>
/// <item><see cref="SuccessCriteria.CheckUrl"/>: the check answered 2xx; no answer (unreachable, timeout, host not allowed)
/// or any other status fails it.</item>
/// </list>
/// Every criterion is judged, so a refusal names all that failed, with what the page or the server showed.
/// </remarks>
public static class SuccessRule
{
    /// <summary>The most page text quoted in a refusal, in characters.</summary>
    public const int PageExcerptLength = 160;

    /// <summary>Judges a finish.</summary>
    /// <param name="criteria">The spec's criteria; <see langword="null"/> or empty for none.</param>
    /// <param name="observation">The page the step source finished on.</param>
    /// <param name="dom">The same page, indexed.</param>
    /// <param name="check">The server check's result when the criteria name a check URL.</param>
    public static SuccessVerdict Evaluate(SuccessCriteria? criteria, Observation observation, DomIndex dom, ServerCheckResult? check)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(dom);
        if (criteria is null || criteria.IsEmpty)
        {
            return new SuccessVerdict(true, false,
                "Unverified: the spec gives no success criteria, so nothing checked that the objective was met; the answer is the step source's word.");
        }

        var held = new List<string>();
        var failed = new List<string>();
        if (criteria.UrlPattern is { } pattern)
        {
            JudgeUrl(pattern, observation.Url, held, failed);
        }

        var texts = criteria.Texts ?? [];
        if (texts.Length > 0)
        {
            var page = dom.PageText();
            var missing = false;
            foreach (var wanted in texts)
            {
                var text = TextNormalizer.Collapse(wanted);
                if (page.Contains(text, StringComparison.OrdinalIgnoreCase))
                {
                    held.Add($"text \"{text}\" is on the page");
                }
                else
                {
                    failed.Add($"text \"{text}\" is not on the page");
                    missing = true;
                }
            }

            if (missing)
            {
                failed.Add($"the page \"{observation.Title}\" reads \"{Excerpt(page)}\"");
            }
        }

        foreach (var selector in criteria.Elements ?? [])
        {
            JudgeElement(selector, dom, held, failed);
        }

        if (criteria.CheckUrl is { } url)
        {
            if (check is null)
            {
                failed.Add($"the server check {url} was not made");
            }
            else if (check.Passed)
            {
                held.Add($"the server check {check}");
            }
            else
            {
                failed.Add($"the server check {check}, not 2xx");
            }
        }

        return failed.Count == 0
            ? new SuccessVerdict(true, true, $"Verified on {observation.Url}: {string.Join("; ", held)}.")
            : new SuccessVerdict(false, true,
                $"The success criteria do not hold on {observation.Url}: {string.Join("; ", failed)}{(held.Count == 0 ? "" : $" (held: {string.Join("; ", held)})")}.");
    }

    /// <summary>Every problem of <paramref name="spec"/>: what <see cref="WorkflowSpec.Validate"/> reports and what only
    /// the evaluator can tell (<see cref="Validate(SuccessCriteria?)"/>). Where a spec is accepted (the workflow grain,
    /// schedules, the CLI) this is the check.</summary>
    public static IReadOnlyList<string> ValidateSpec(WorkflowSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return [.. spec.Validate(), .. Validate(spec.Success)];
    }

    /// <summary>Problems the evaluator has with criteria that are well formed for <see cref="SuccessCriteria.Validate"/>:
    /// a selector it does not support (an unknown pseudo-class, say), each naming the field.</summary>
    public static IReadOnlyList<string> Validate(SuccessCriteria? criteria)
    {
        var errors = new List<string>();
        var elements = criteria?.Elements ?? [];
        var parser = new CssSelectorParser();
        for (var i = 0; i < elements.Length; i++)
        {
            var selector = elements[i];
            if (string.IsNullOrWhiteSpace(selector) || CssSelectorSyntax.Check(selector) is not null)
            {
                continue; // reported by SuccessCriteria.Validate
            }

            if (parser.ParseSelector(selector) is null)
            {
                errors.Add($"Success.Elements[{i}] '{selector}' is not a CSS selector the page evaluator supports (standard CSS only; Playwright's text= and :has-text() are not CSS: use Success.Texts).");
            }
        }

        return errors;
    }

    private static void JudgeUrl(string pattern, string url, List<string> held, List<string> failed)
    {
        try
        {
            if (Regex.IsMatch(url, pattern, RegexOptions.CultureInvariant, SuccessCriteria.PatternTimeout))
            {
                held.Add($"the URL matches {pattern}");
            }
            else
            {
                failed.Add($"the URL {url} does not match {pattern}");
            }
        }
        catch (RegexMatchTimeoutException)
        {
            failed.Add($"matching the URL {url} against {pattern} took longer than {SuccessCriteria.PatternTimeout.TotalSeconds:0.#} s");
        }
        catch (ArgumentException e)
        {
            failed.Add($"the URL pattern {pattern} is not a regular expression ({e.Message})");
        }
    }

    private static void JudgeElement(string selector, DomIndex dom, List<string> held, List<string> failed)
    {
        try
        {
            var count = dom.CountMatches(selector);
            if (count > 0)
            {
                held.Add($"{count} element{(count == 1 ? "" : "s")} match{(count == 1 ? "es" : "")} {selector}");
            }
            else
            {
                failed.Add($"no element matches {selector}");
            }
        }
        catch (ArgumentException e)
        {
            failed.Add(e.Message);
        }
    }

    private static string Excerpt(string page) =>
        page.Length <= PageExcerptLength ? page : page[..PageExcerptLength].TrimEnd() + "…";
}
