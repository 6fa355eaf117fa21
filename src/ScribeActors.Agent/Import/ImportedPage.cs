using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ScribeActors.Agent.Import;

/// <summary>
/// A saved page imported as the reference read it: parsed by <see cref="ReferenceHtmlParser"/>, node ids assigned the
/// reference's way (scribe-agent-format §3.3: reverse pre-order over every element with the document root counted
/// first, so the last element is <c>0</c> and the root, which is not written, has the largest id), and written as HTML
/// the project's pipeline reads (<see cref="ReferenceDocument.ToHtml"/>). What the HTML5 parser would still change is
/// measured, not hidden: the elements it would move to another parent (<see cref="MovedByHtml5"/>) and those below the
/// depth it keeps (<see cref="ReferenceDocument.ElementsBeyondHtml5Depth"/>).
/// </summary>
public sealed record ImportedPage
{
    /// <summary>The page with <c>node</c> ids, every element closed explicitly.</summary>
    public required string Html { get; init; }

    /// <summary>The reference's tree of the page, with the ids assigned.</summary>
    public required ReferenceDocument Document { get; init; }

    /// <summary>Elements whose parent differs when <see cref="Html"/> is parsed again by the HTML5 parser (a form
    /// directly in a table, nesting deeper than it keeps): there the pipeline does not see the reference's tree.</summary>
    public required int MovedByHtml5 { get; init; }

    /// <summary>The ids of those elements, ascending.</summary>
    public required IReadOnlyList<int> MovedIds { get; init; }

    /// <summary>For a Mind2Web snapshot: each element's <c>backend_node_id</c> by its node id (Mind2Web's actions name
    /// their target by it; the reference kept the same map, §3.7). Empty for pages without them.</summary>
    public IReadOnlyDictionary<int, string> BackendNodeIds { get; init; } = new Dictionary<int, string>();

    /// <summary>Imports <paramref name="html"/>, a saved page.</summary>
    public static ImportedPage Import(string html)
    {
        var document = ReferenceHtmlParser.Parse(html);
        var elements = document.Elements.ToList();
        var parents = new Dictionary<int, int>();
        var backend = new SortedDictionary<int, string>();
        for (var k = 0; k < elements.Count; k++)
        {
            // The root is element 0 of the reference's list; the element at pre-order position k + 1 gets count - (k + 1).
            elements[k].SetAttribute("node", (elements.Count - (k + 1)).ToString(CultureInfo.InvariantCulture));
            if (elements[k].GetAttribute("backend_node_id") is { } backendId)
            {
                backend[elements.Count - (k + 1)] = backendId;
            }
        }

        foreach (var element in elements)
        {
            parents[Id(element.GetAttribute("node"))] = element.Parent is { } parent ? Id(parent.GetAttribute("node")) : -1;
        }

        var written = document.ToHtml();
        var moved = new List<int>();
        foreach (var element in new HtmlParser().ParseDocument(written).QuerySelectorAll("[node]"))
        {
            var id = Id(element.GetAttribute("node"));
            var parent = element.Ancestors<IElement>().FirstOrDefault(a => a.HasAttribute("node")) is { } above ? Id(above.GetAttribute("node")) : -1;
            if (parents.TryGetValue(id, out var expected) && expected != parent)
            {
                moved.Add(id);
            }
        }

        moved.Sort();
        return new ImportedPage { Html = written, Document = document, MovedByHtml5 = moved.Count, MovedIds = moved, BackendNodeIds = backend };
    }

    /// <summary>A summary for a person: elements, what the reference's parse changed, and the warnings.</summary>
    public string Describe()
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"{Document.ElementCount} elements, {Document.MaxDepth} levels deep; {Document.SelfClosedElements} self-closed non-void elements closed, {Document.IgnoredEndTags} stray end tags ignored (as the reference's parser)."),
        };
        if (Document.DepthWarning is { } deep)
        {
            lines.Add($"warning: {deep}");
        }

        if (MovedByHtml5 > 0)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"warning: the HTML5 parser still moves {MovedByHtml5} elements to another parent (ids {string.Join(", ", MovedIds.Take(10))}{(MovedByHtml5 > 10 ? ", …" : "")}): there the pipeline's tree differs from the reference's."));
        }

        return string.Join('\n', lines);
    }

    private static int Id(string? value) => int.Parse(value!, NumberStyles.None, CultureInfo.InvariantCulture);
}
