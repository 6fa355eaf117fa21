using Microsoft.AspNetCore.Http;
using ScribeActors.DemoSites.Layout;

namespace ScribeActors.DemoSites.Web;

/// <summary>HTML responses.</summary>
internal static class PageResults
{
    public static IResult Html(string html, int statusCode = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", statusCode: statusCode);

    /// <summary>A full page in the site frame.</summary>
    public static IResult Page(HttpContext context, SiteLayout layout, SiteChrome chrome, string title, string body,
        int statusCode = StatusCodes.Status200OK) =>
        Html(PageShell.Render(layout, chrome, title, body, context.Request.Path + context.Request.QueryString), statusCode);

    /// <summary>A "not found" page in the site frame.</summary>
    public static IResult NotFound(HttpContext context, SiteLayout layout, SiteChrome chrome, string what) =>
        Page(context, layout, chrome, "Not found",
            $"<div class=\"{layout.Cls("card")}\"><h1>Not found</h1><p>{Layout.Html.E(what)}</p>" +
            $"<p><a href=\"{chrome.HomeHref}\">Back to the start page</a></p></div>",
            StatusCodes.Status404NotFound);
}
