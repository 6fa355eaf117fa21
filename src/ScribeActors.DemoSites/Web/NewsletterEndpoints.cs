using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ScribeActors.DemoSites.State;

namespace ScribeActors.DemoSites.Web;

/// <summary>The newsletter box of the page footers: a distractor form that still behaves like a real one.</summary>
internal static class NewsletterEndpoints
{
    public static void Map(RouteGroupBuilder group, string site, string form) =>
        group.MapPost("/newsletter", async (HttpContext context, DemoStore store) =>
        {
            var post = await FormPost.ReadAsync(context);
            if (post is null)
            {
                return FormPost.NotAForm();
            }

            var email = post["newsletter_email"];
            var valid = email.Length is > 3 and <= 200 && email.IndexOf('@', StringComparison.Ordinal) > 0;
            if (valid)
            {
                store.RecordSubmission(form);
            }
            else
            {
                store.RecordFailure(form);
            }

            return Results.Redirect(SiteSessions.SafeReturn(post["returnTo"], site, "/" + site));
        });
}
