using ScribeActors.DemoSites.Layout;
using ScribeActors.DemoSites.State;

namespace ScribeActors.DemoSites.Supplier;

/// <summary>The supplier portal's frame, including the <c>status-badge</c> custom element that renders into an open
/// shadow root.</summary>
internal static class SupplierChrome
{
    public const string Site = SiteNames.Supplier;
    public const string Home = "/supplier";
    public const string Brand = "Meridian Supplier Portal";

    private const string StatusBadgeScript =
        "customElements.define('status-badge',class extends HTMLElement{connectedCallback(){if(this.shadowRoot)return;" +
        "const s=this.getAttribute('status')||'';" +
        "const c={Open:'#1f5fa8',Paid:'#2d7d46',Overdue:'#b0452a',Disputed:'#8a5a00'}[s]||'#555';" +
        "const r=this.attachShadow({mode:'open'});" +
        "r.innerHTML='<style>span{display:inline-block;padding:2px 9px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;background:'+c+'}</style>'" +
        "+'<span part=\"label\" title=\"Invoice status\">'+s+'</span>';}});";

    public static SiteChrome For(SignedInUser? user) => new()
    {
        Site = Site,
        Brand = Brand,
        HomeHref = Home,
        Nav = user is null
            ? [new NavItem("Help", Home + "/help")]
            :
            [
                new NavItem("Invoices", Home + "/invoices"),
                new NavItem("Disputes", Home + "/disputes"),
                new NavItem("Payments", Home + "/payments"),
                new NavItem("Help", Home + "/help"),
            ],
        UserDisplayName = user?.DisplayName,
        SignOutHref = user is null ? null : Home + "/logout",
        NewsletterAction = Home + "/newsletter",
        Promo = "New: get paid up to 10 days sooner with e-invoicing.",
        Script = StatusBadgeScript,
    };

    /// <summary>A status badge: the custom element with the status as light-DOM fallback text.</summary>
    public static string Badge(InvoiceStatus status) => $"<status-badge status=\"{status}\">{status}</status-badge>";

    /// <summary>The side column with the same-origin support chat iframe.</summary>
    public static string SupportAside(SiteLayout l) =>
        $"<aside id=\"{l.Id("aside")}\"><div class=\"{l.Cls("card")}\"><h2>Need help?</h2>" +
        $"<iframe class=\"{l.Cls("chat")}\" src=\"{Home}/support/chat\" title=\"Support chat\" name=\"support-chat\"></iframe></div>" +
        (l.Has("supplier:payment-calendar")
            ? $"<div class=\"{l.Cls("card")}\"><h2>Next payment run</h2><p>Payments are released every Friday.</p>" +
              $"<a href=\"{Home}/payments\">See the payment calendar</a></div>"
            : "") +
        "</aside>";
}
