using System.Text;
using System.Text.Encodings.Web;

namespace ScribeActors.Silo.Viewer;

/// <summary>The HTML shells of the viewer's pages. Each page is a header, an empty main element its script fills from the
/// JSON API, and (for a run) the first data inline as a JSON block that is never executed. Every value that comes from
/// a run goes through <see cref="HtmlEncoder"/> here and through <c>textContent</c> in the scripts, never into markup.</summary>
public static class ViewerPages
{
    /// <summary>The Content-Security-Policy of the viewer's own pages: scripts and styles only from the viewer's files.</summary>
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The runs list.</summary>
    public static string Runs() => Page("Runs", "runs", "runs.js", "");

    /// <summary>The schedules list.</summary>
    public static string Schedules() => Page("Schedules", "schedules", "schedules.js", "");

    /// <summary>A run's page; <paramref name="runJson"/> is the first <see cref="RunView"/>, JSON with HTML-sensitive
    /// characters escaped (System.Text.Json's default encoder), so it cannot close the block.</summary>
    public static string Run(string id, string runJson) =>
        Page("Run " + id, "run", "run.js", $"<script type=\"application/json\" id=\"run-data\">{runJson}</script>");

    /// <summary>The page for a run id no workflow has.</summary>
    public static string RunNotFound(string id) =>
        Page("Run not found", "missing", null,
            $"<section class=\"notfound\"><h1>404: no run with id <code>{HtmlEncoder.Default.Encode(id)}</code></h1>" +
            "<p>It may have been started under another service id, or the id is mistyped.</p><p><a href=\"/viewer/\">Back to the runs</a></p></section>");

    private static string Page(string title, string kind, string? script, string body)
    {
        var html = new StringBuilder(1024);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(HtmlEncoder.Default.Encode(title)).Append(" · ScribeActors</title>")
            .Append("<link rel=\"stylesheet\" href=\"/viewer/assets/viewer.css\">");
        if (script is not null)
        {
            html.Append("<script src=\"/viewer/assets/common.js\" defer></script>")
                .Append("<script src=\"/viewer/assets/").Append(script).Append("\" defer></script>");
        }

        html.Append("</head><body data-page=\"").Append(kind).Append("\">")
            .Append("<header><a class=\"brand\" href=\"/viewer/\">ScribeActors</a><nav>")
            .Append("<a href=\"/viewer/\">Runs</a><a href=\"/viewer/schedules\">Schedules</a><a href=\"/dashboard/\">Orleans dashboard</a>")
            .Append("</nav><span id=\"live\" class=\"live\"></span></header><main id=\"main\">")
            .Append(body)
            .Append("</main></body></html>");
        return html.ToString();
    }
}
