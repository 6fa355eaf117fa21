using Microsoft.AspNetCore.Http;
using ScribeActors.DemoSites.State;

namespace ScribeActors.DemoSites.Web;

/// <summary>Cookie-based sessions: the cookie holds only a random id; the session itself lives in the store.</summary>
internal static class SiteSessions
{
    public static string CookieName(string site) => $"{site}_session";

    /// <summary>The signed-in user of <paramref name="site"/> for this request, if any.</summary>
    public static SignedInUser? Current(HttpContext context, DemoStore store, string site) =>
        store.FindSession(site, context.Request.Cookies[CookieName(site)]);

    public static void Attach(HttpContext context, string site, string sessionId) =>
        context.Response.Cookies.Append(CookieName(site), sessionId, new CookieOptions
        {
            Path = "/" + site,
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
        });

    public static void End(HttpContext context, DemoStore store, string site)
    {
        store.SignOut(context.Request.Cookies[CookieName(site)]);
        context.Response.Cookies.Delete(CookieName(site), new CookieOptions { Path = "/" + site });
    }

    /// <summary>A redirect to the site's login page that comes back to the current page afterwards.</summary>
    public static IResult RedirectToLogin(HttpContext context, string site)
    {
        var back = context.Request.Path + context.Request.QueryString;
        return Results.Redirect($"/{site}/login?returnUrl={Uri.EscapeDataString(back)}");
    }

    /// <summary><paramref name="returnUrl"/> when it is a local path of <paramref name="site"/>, else <paramref name="fallback"/>.</summary>
    public static string SafeReturn(string? returnUrl, string site, string fallback) =>
        returnUrl is not null && returnUrl.StartsWith($"/{site}/", StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.Contains('\\', StringComparison.Ordinal)
            ? returnUrl
            : fallback;
}
