using System.CommandLine;
using ScribeActors.Abstractions;

namespace ScribeActors.Cli.Commands;

/// <summary>The success-criteria options of <c>scribe start</c> (see <see cref="SuccessCriteria"/>).</summary>
internal sealed class SuccessOptions
{
    public Option<string?> UrlPattern { get; } = new("--success-url") { Description = "Regular expression the final page's URL must match (searched; anchor with ^ and $)." };

    public Option<string[]> Texts { get; } = new("--success-text") { Description = "Text the final page must contain (case-insensitive); repeatable, all must appear." };

    public Option<string[]> Elements { get; } = new("--success-element") { Description = "CSS selector an element of the final page must match; repeatable, all must match." };

    public Option<string?> CheckUrl { get; } = new("--success-check") { Description = "URL on the allowed hosts that must answer 2xx to a GET sent with the workflow's browser cookies." };

    public void AddTo(Command command)
    {
        command.Options.Add(UrlPattern);
        command.Options.Add(Texts);
        command.Options.Add(Elements);
        command.Options.Add(CheckUrl);
    }

    /// <summary>The criteria given, or <see langword="null"/> when none was: the workflow's success is then unverified.</summary>
    public SuccessCriteria? Read(ParseResult result)
    {
        var criteria = new SuccessCriteria
        {
            UrlPattern = result.GetValue(UrlPattern),
            Texts = result.GetValue(Texts) ?? [],
            Elements = result.GetValue(Elements) ?? [],
            CheckUrl = result.GetValue(CheckUrl),
        };
        return criteria.IsEmpty ? null : criteria;
    }
}
