using System.Globalization;

namespace ScribeActors.Agent.Import;

/// <summary>What an import of saved pages found, over all its pages: how many were deeper than the HTML5 parser keeps
/// and how many elements that parser would flatten or move, so no page is flattened silently.</summary>
public sealed record ImportSummary
{
    /// <summary>Pages imported.</summary>
    public int Pages { get; init; }

    /// <summary>Elements over all pages.</summary>
    public int Elements { get; init; }

    /// <summary>Non-void elements written self-closing, closed as the reference did.</summary>
    public int SelfClosedElements { get; init; }

    /// <summary>Pages deeper than <see cref="ReferenceDocument.Html5MaxDepth"/>.</summary>
    public int TooDeepPages { get; init; }

    /// <summary>Elements below that depth, over all pages.</summary>
    public int ElementsBeyondHtml5Depth { get; init; }

    /// <summary>Pages with elements the HTML5 parser moves to another parent.</summary>
    public int PagesWithMoves { get; init; }

    /// <summary>Elements the HTML5 parser moves, over all pages.</summary>
    public int MovedByHtml5 { get; init; }

    /// <summary>This summary with <paramref name="page"/> added.</summary>
    public ImportSummary Add(ImportedPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new ImportSummary
        {
            Pages = Pages + 1,
            Elements = Elements + page.Document.ElementCount,
            SelfClosedElements = SelfClosedElements + page.Document.SelfClosedElements,
            TooDeepPages = TooDeepPages + (page.Document.TooDeep ? 1 : 0),
            ElementsBeyondHtml5Depth = ElementsBeyondHtml5Depth + page.Document.ElementsBeyondHtml5Depth,
            PagesWithMoves = PagesWithMoves + (page.MovedByHtml5 > 0 ? 1 : 0),
            MovedByHtml5 = MovedByHtml5 + page.MovedByHtml5,
        };
    }

    /// <summary>One line for a person.</summary>
    public string ToText() => string.Create(CultureInfo.InvariantCulture,
        $"Imported {Pages} pages, {Elements} elements ({SelfClosedElements} self-closed closed as the reference did); {TooDeepPages} pages deeper than the HTML5 parser keeps " +
        $"({ElementsBeyondHtml5Depth} elements it would flatten); {PagesWithMoves} pages with elements it moves ({MovedByHtml5} elements).");
}
