using System.Text.RegularExpressions;

namespace ScribeActors.Abstractions;

/// <summary>
/// What must hold before a workflow takes its step source's word that the objective is reached. Every criterion given
/// must hold; a finish that meets them ends the workflow <see cref="WorkflowStatus.Succeeded"/> with
/// <see cref="SuccessVerification.Verified"/>, a finish that does not is a failed step (recorded with the criterion that
/// failed and what was seen) and the step source decides again, within the workflow's failure limits. They apply to
/// model and replay workflows alike.
/// </summary>
/// <remarks>The page criteria (<see cref="UrlPattern"/>, <see cref="Texts"/>, <see cref="Elements"/>) are judged on the
/// page the step source saw when it decided to finish; the server check is fetched at that moment.</remarks>
[GenerateSerializer, Immutable, Alias("scribe.SuccessCriteria")]
public sealed record SuccessCriteria
{
    /// <summary>How long a <see cref="UrlPattern"/> may take to match one URL.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The longest accepted <see cref="UrlPattern"/>, text or selector, in characters.</summary>
    public const int MaxLength = 2000;

    /// <summary>A .NET regular expression the final page's URL must match (searched, not anchored: use <c>^</c> and
    /// <c>$</c> to pin it; case-sensitive unless it starts with <c>(?i)</c>), for example <c>/supplier/disputes/DSP-\d+$</c>.
    /// <see langword="null"/>: the URL is not checked.</summary>
    [Id(0)] public string? UrlPattern { get; init; }

    /// <summary>Texts that must each appear in the final page's text (the text of the document and its same-origin frames,
    /// without scripts, styles and elements marked <c>hidden</c>; compared case-insensitively with whitespace runs
    /// collapsed to one space). Empty: no text is checked.</summary>
    [Id(1)] public string[] Texts { get; init; } = [];

    /// <summary>CSS selectors that must each match at least one element of the final page (the document and its
    /// same-origin frames; visibility is not considered), for example <c>div.alert-success</c> or
    /// <c>a[href*="/disputes/"]</c>. Standard CSS only: Playwright's <c>text=</c> and <c>:has-text()</c> are not CSS
    /// (use <see cref="Texts"/>). Empty: no element is checked.</summary>
    [Id(2)] public string[] Elements { get; init; } = [];

    /// <summary>An absolute http(s) URL on the workflow's allowed hosts that must answer 2xx to a GET sent from the browser
    /// silo with the workflow's browser-session cookies (redirects are not followed; the silo's
    /// <c>Scribe:Workflow:SuccessCheckTimeout</c> bounds the wait). No answer, a timeout or another status is a failed
    /// criterion, never an error of the workflow. <see langword="null"/>: no server check.</summary>
    [Id(3)] public string? CheckUrl { get; init; }

    /// <summary>Whether no criterion is given.</summary>
    public bool IsEmpty => UrlPattern is null && (Texts ?? []).Length == 0 && (Elements ?? []).Length == 0 && CheckUrl is null;

    /// <summary>Checks the criteria and returns every problem, each naming its field (<c>Success.UrlPattern</c>,
    /// <c>Success.Texts[i]</c>, <c>Success.Elements[i]</c>, <c>Success.CheckUrl</c>); empty when they are well formed.</summary>
    /// <param name="allowedHosts">The workflow's effective allowed hosts: the check URL must be on one of them.</param>
    public IReadOnlyList<string> Validate(IReadOnlyList<string> allowedHosts)
    {
        ArgumentNullException.ThrowIfNull(allowedHosts);
        var errors = new List<string>();
        if (UrlPattern is not null)
        {
            if (string.IsNullOrWhiteSpace(UrlPattern))
            {
                errors.Add("Success.UrlPattern is empty: give a regular expression the final URL must match, or leave it out.");
            }
            else if (UrlPattern.Length > MaxLength)
            {
                errors.Add($"Success.UrlPattern is {UrlPattern.Length} characters long; at most {MaxLength} are accepted.");
            }
            else if (PatternProblem(UrlPattern) is { } problem)
            {
                errors.Add($"Success.UrlPattern '{UrlPattern}' is not a valid regular expression: {problem}");
            }
        }

        var texts = Texts ?? [];
        for (var i = 0; i < texts.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(texts[i]))
            {
                errors.Add($"Success.Texts[{i}] is empty: give the text the final page must contain.");
            }
            else if (texts[i].Length > MaxLength)
            {
                errors.Add($"Success.Texts[{i}] is {texts[i].Length} characters long; at most {MaxLength} are accepted.");
            }
        }

        var elements = Elements ?? [];
        for (var i = 0; i < elements.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(elements[i]))
            {
                errors.Add($"Success.Elements[{i}] is empty: give a CSS selector an element of the final page must match.");
            }
            else if (elements[i].Length > MaxLength)
            {
                errors.Add($"Success.Elements[{i}] is {elements[i].Length} characters long; at most {MaxLength} are accepted.");
            }
            else if (CssSelectorSyntax.Check(elements[i]) is { } problem)
            {
                errors.Add($"Success.Elements[{i}] '{elements[i]}' is not a CSS selector: {problem}");
            }
        }

        if (CheckUrl is not null)
        {
            if (!Uri.TryCreate(CheckUrl, UriKind.Absolute, out var check) || check.Scheme is not ("http" or "https") || CheckUrl.StartsWith('/'))
            {
                errors.Add($"Success.CheckUrl '{CheckUrl}' is not an absolute http(s) URL.");
            }
            else if (!HostPattern.IsAllowed(check, allowedHosts))
            {
                errors.Add($"Success.CheckUrl host '{HostPattern.Of(check)}' is not in the allowed hosts [{string.Join(", ", allowedHosts)}]: the check is sent with the session's cookies, so only to hosts the workflow may visit.");
            }
        }

        return errors;
    }

    /// <summary>Why <paramref name="pattern"/> is not a .NET regular expression; <see langword="null"/> when it is.</summary>
    private static string? PatternProblem(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, PatternTimeout);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
