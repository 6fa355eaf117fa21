using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ScribeActors.DemoSites.Layout;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Web;

namespace ScribeActors.DemoSites.Supplier;

/// <summary>Supplier portal: the support chat widget, a small page shown in a same-origin iframe.</summary>
internal static class SupplierSupportEndpoints
{
    public const int MaxMessage = 500;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/support/chat", Chat);
        group.MapPost("/support/chat", SendAsync);
    }

    private static IResult Chat(HttpContext context, DemoStore store) =>
        Render(store.Layout, SiteSessions.Current(context, store, SupplierChrome.Site), store, null, "");

    private static async Task<IResult> SendAsync(HttpContext context, DemoStore store)
    {
        var user = SiteSessions.Current(context, store, SupplierChrome.Site);
        var post = await FormPost.ReadAsync(context);
        if (post is null)
        {
            return FormPost.NotAForm();
        }

        if (user is null)
        {
            return Results.Redirect("/supplier/support/chat");
        }

        var text = post["message"];
        var error = text.Length == 0 ? "Type a message first." : text.Length > MaxMessage ? $"Messages are limited to {MaxMessage} characters." : null;
        if (error is not null)
        {
            store.RecordFailure(FormNames.SupplierSupport);
            return Render(store.Layout, user, store, error, text);
        }

        store.AddSupportMessage(user.Username, text);
        return Results.Redirect("/supplier/support/chat");
    }

    private static IResult Render(SiteLayout l, SignedInUser? user, DemoStore store, string? error, string draft)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>Support chat</title>")
            .Append($"<style>{l.Stylesheet}body{{background:#fff;padding:10px;font-size:13px}}</style></head><body>")
            .Append($"<div id=\"{l.Id("chat")}\" role=\"log\" aria-label=\"Conversation\">")
            .Append("<p><strong>Support</strong>: Hello! Questions about an invoice or a payment? We reply within one business day.</p>");
        if (user is null)
        {
            html.Append("<p>Sign in to chat with the support team.</p></div></body></html>");
            return PageResults.Html(html.ToString());
        }

        foreach (var message in store.SupportMessagesOf(user.Username))
        {
            html.Append($"<p><strong>{Html.E(user.DisplayName)}</strong>: {Html.E(message.Text)}</p>")
                .Append("<p><strong>Support</strong>: Thanks, we have logged your question.</p>");
        }

        html.Append("</div>")
            .Append($"<form method=\"post\" action=\"/supplier/support/chat\" id=\"{l.Id("chat-form")}\" novalidate>")
            .Append(Fields.TextArea(l, "message", "Message", draft, error, $"maxlength=\"{MaxMessage}\" placeholder=\"Type your question\""))
            .Append($"<button type=\"submit\" class=\"{l.Cls("btn", "btn-primary")}\">Send</button></form></body></html>");
        return PageResults.Html(html.ToString());
    }
}
