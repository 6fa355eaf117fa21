using Microsoft.AspNetCore.Http;

namespace ScribeActors.DemoSites.Web;

/// <summary>Reads HTML form posts. Handlers read the form themselves (no model binding), which keeps field names
/// exactly those of the pages.</summary>
internal sealed class FormPost
{
    private readonly IFormCollection _form;

    private FormPost(IFormCollection form) => _form = form;

    /// <summary>The posted form, or <see langword="null"/> when the request is not a form post.</summary>
    public static async Task<FormPost?> ReadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return null;
        }

        return new FormPost(await context.Request.ReadFormAsync(context.RequestAborted));
    }

    /// <summary>The trimmed value of <paramref name="name"/>; empty when absent.</summary>
    public string this[string name] => (_form[name].FirstOrDefault() ?? "").Trim();

    /// <summary>Whether a checkbox named <paramref name="name"/> was ticked.</summary>
    public bool Checked(string name) => _form.ContainsKey(name) && _form[name].Any(v => !string.IsNullOrEmpty(v));

    /// <summary>The answer to a request that is not a form post.</summary>
    public static IResult NotAForm() => Results.Text(
        "Expected an HTML form post (Content-Type application/x-www-form-urlencoded or multipart/form-data).",
        "text/plain", statusCode: StatusCodes.Status415UnsupportedMediaType);
}
