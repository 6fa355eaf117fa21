using System.Text;

namespace ScribeActors.DemoSites.Layout;

/// <summary>Renders a whole HTML document: the site frame (header, nav in seeded order, distractors, footer) around a body.</summary>
internal static class PageShell
{
    /// <summary>Renders the page.</summary>
    /// <param name="l">The seeded layout.</param>
    /// <param name="chrome">The site frame.</param>
    /// <param name="title">The page title (also the <c>title</c> element).</param>
    /// <param name="body">The main content's HTML.</param>
    /// <param name="currentPath">The request path and query, used to mark the active link and as the newsletter return address.</param>
    public static string Render(SiteLayout l, SiteChrome chrome, string title, string body, string currentPath)
    {
        var html = new StringBuilder(8192);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\">")
            .Append($"<title>{Html.E(title)} · {Html.E(chrome.Brand)}</title><style>{l.Stylesheet}</style></head>")
            .Append($"<body class=\"{l.Cls("site-" + chrome.Site)}\">");

        if (l.Has("cookie-notice"))
        {
            html.Append($"<div class=\"{l.Cls("cookie")}\" id=\"{l.Id("cookie")}\" role=\"region\" aria-label=\"Cookie notice\">")
                .Append("<span>We use essential cookies to keep you signed in.</span>")
                .Append($"<button type=\"button\" class=\"{l.Cls("btn")}\" onclick=\"this.parentElement.remove()\">Got it</button></div>");
        }

        if (chrome.Promo is not null && l.Has("promo:" + chrome.Site))
        {
            html.Append($"<div class=\"{l.Cls("promo")}\" id=\"{l.Id("promo")}\">{Html.E(chrome.Promo)} ")
                .Append($"<a href=\"{Help(chrome)}#news\">Learn more</a></div>");
        }

        html.Append($"<header class=\"{l.Cls("header")}\" id=\"{l.Id("header")}\">")
            .Append($"<a class=\"{l.Cls("brand")}\" href=\"{chrome.HomeHref}\">{Html.E(chrome.Brand)}</a>")
            .Append($"<nav class=\"{l.Cls("nav")}\" aria-label=\"Main\">");
        foreach (var item in l.Order("nav:" + chrome.Site, chrome.Nav))
        {
            var active = IsActive(item.Href, currentPath, chrome.HomeHref);
            html.Append($"<a class=\"{(active ? l.Cls("nav-link", "nav-active") : l.Cls("nav-link"))}\" href=\"{item.Href}\"")
                .Append(active ? " aria-current=\"page\"" : "")
                .Append($">{Html.E(item.Text)}</a>");
        }

        html.Append("</nav>");
        if (chrome.UserDisplayName is not null)
        {
            html.Append($"<div class=\"{l.Cls("user")}\"><span>Signed in as <strong>{Html.E(chrome.UserDisplayName)}</strong></span>");
            if (chrome.SignOutHref is not null)
            {
                html.Append($"<a href=\"{chrome.SignOutHref}\">Sign out</a>");
            }

            html.Append("</div>");
        }

        html.Append("</header>")
            .Append($"<main class=\"{l.Cls("main")}\" id=\"{l.Id("main")}\">").Append(body).Append("</main>");
        AppendFooter(html, l, chrome, currentPath);

        if (chrome.Script is not null)
        {
            html.Append("<script>").Append(chrome.Script).Append("</script>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static void AppendFooter(StringBuilder html, SiteLayout l, SiteChrome chrome, string currentPath)
    {
        html.Append($"<footer class=\"{l.Cls("footer")}\" id=\"{l.Id("footer")}\">")
            .Append($"<div>© 2025 {Html.E(chrome.Brand)} · <a href=\"{Help(chrome)}#privacy\">Privacy</a> · ")
            .Append($"<a href=\"{Help(chrome)}#terms\">Terms</a></div>");
        if (chrome.NewsletterAction is not null && l.Has("newsletter:" + chrome.Site, 0.6))
        {
            var id = l.Id("newsletter-email");
            html.Append($"<form class=\"{l.Cls("newsletter")}\" method=\"post\" action=\"{chrome.NewsletterAction}\">")
                .Append($"<label for=\"{id}\">Product news by email</label>")
                .Append($"<input id=\"{id}\" type=\"email\" name=\"newsletter_email\" placeholder=\"you@company.com\">")
                .Append($"<input type=\"hidden\" name=\"returnTo\" value=\"{Html.E(currentPath)}\">")
                .Append($"<button type=\"submit\" class=\"{l.Cls("btn")}\">Subscribe</button></form>");
        }

        html.Append("</footer>");
    }

    private static string Help(SiteChrome chrome) => chrome.HelpHref ?? chrome.HomeHref + "/help";

    private static bool IsActive(string href, string currentPath, string home)
    {
        var path = currentPath.Split('?')[0];
        return href == home ? path == home : path.StartsWith(href, StringComparison.Ordinal);
    }
}
