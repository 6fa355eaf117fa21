using System.Net;
using AngleSharp.Html.Dom;

namespace ScribeActors.DemoSites.Tests.Support;

/// <summary>A fetched HTML page: final URL after redirects, status, raw HTML and the parsed document.</summary>
internal sealed record WebPage(Uri Url, HttpStatusCode Status, string Html, IHtmlDocument Document)
{
    /// <summary>The visible text of the body, whitespace collapsed.</summary>
    public string Text => Selectors.Normalize(Document.Body?.TextContent ?? "");
}
