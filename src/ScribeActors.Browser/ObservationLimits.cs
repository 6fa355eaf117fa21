using System.Globalization;
using ScribeActors.Abstractions;

namespace ScribeActors.Browser;

/// <summary>
/// The size limit of an observation (<see cref="BrowserOptions.MaxObservationChars"/>,
/// <see cref="BrowserOptions.MaxObservationElements"/>) and the failure that names it. The browser session applies it
/// in the page, before the DOM is serialised out of it; <c>scribe prune</c> applies it to a file.
/// </summary>
/// <param name="MaxChars">Most characters of DOM.</param>
/// <param name="MaxElements">Most elements.</param>
/// <param name="CharsSetting">What sets <paramref name="MaxChars"/>, as a user would change it.</param>
/// <param name="ElementsSetting">What sets <paramref name="MaxElements"/>.</param>
public sealed record ObservationLimits(int MaxChars, int MaxElements, string CharsSetting, string ElementsSetting)
{
    /// <summary>The limits of <paramref name="options"/>, named by their configuration keys.</summary>
    public static ObservationLimits Of(BrowserOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ObservationLimits(
            options.MaxObservationChars,
            options.MaxObservationElements,
            $"{BrowserOptions.SectionName}:{nameof(BrowserOptions.MaxObservationChars)}",
            $"{BrowserOptions.SectionName}:{nameof(BrowserOptions.MaxObservationElements)}");
    }

    /// <summary>Whether a page of <paramref name="chars"/> characters and <paramref name="elements"/> elements is over
    /// a limit; if so, the failure that says so (the page's size, the limit, the setting).</summary>
    /// <param name="page">The page's URL or file name, for the message.</param>
    /// <param name="chars">Characters of its DOM.</param>
    /// <param name="elements">Its elements; -1 when not known (not counted yet).</param>
    public PageTooLarge? Check(string page, long chars, int elements)
    {
        ArgumentNullException.ThrowIfNull(page);
        var size = elements < 0
            ? string.Create(CultureInfo.InvariantCulture, $"{chars:N0} characters")
            : string.Create(CultureInfo.InvariantCulture, $"{chars:N0} characters with {elements:N0} elements");
        string? over = null;
        if (chars > MaxChars)
        {
            over = string.Create(CultureInfo.InvariantCulture, $"over the limit of {MaxChars:N0} characters set by {CharsSetting}");
        }
        else if (elements > MaxElements)
        {
            over = string.Create(CultureInfo.InvariantCulture, $"over the limit of {MaxElements:N0} elements set by {ElementsSetting}");
        }

        return over is null ? null : new PageTooLarge
        {
            DomChars = chars,
            Elements = elements,
            MaxDomChars = MaxChars,
            MaxElements = MaxElements,
            Message = $"The page {page} is too large to observe: its DOM is {size}, {over}. Raise that setting or keep the workflow off this page.",
        };
    }
}
