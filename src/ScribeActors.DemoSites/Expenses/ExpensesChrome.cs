using ScribeActors.DemoSites.Layout;
using ScribeActors.DemoSites.State;

namespace ScribeActors.DemoSites.Expenses;

/// <summary>The expenses app's frame.</summary>
internal static class ExpensesChrome
{
    public const string Site = SiteNames.Expenses;
    public const string Home = "/expenses";
    public const string Brand = "Brightline Expenses";

    public static bool IsManager(SignedInUser user) => user.Role == "manager";

    public static SiteChrome For(SignedInUser? user)
    {
        var nav = new List<NavItem>();
        if (user is not null)
        {
            nav.Add(new NavItem("My reports", Home));
            nav.Add(new NavItem("New report", Home + "/new"));
            if (IsManager(user))
            {
                nav.Add(new NavItem("Approval queue", Home + "/approvals"));
            }

            nav.Add(new NavItem("Policies", Home + "/policies"));
        }

        nav.Add(new NavItem("Help", Home + "/help"));
        return new SiteChrome
        {
            Site = Site,
            Brand = Brand,
            HomeHref = Home,
            Nav = nav,
            UserDisplayName = user?.DisplayName,
            SignOutHref = user is null ? null : Home + "/logout",
            NewsletterAction = Home + "/newsletter",
            Promo = "Travel season: book through the company portal to skip the receipt upload.",
        };
    }

    /// <summary>The step indicator of the multi-step form.</summary>
    public static string Steps(SiteLayout l, int current)
    {
        string[] names = ["1. Expense", "2. Details", "3. Review"];
        var items = names.Select((n, i) => i + 1 == current ? $"<li aria-current=\"step\">{n}</li>" : $"<li>{n}</li>");
        return $"<ol class=\"{l.Cls("steps")}\" aria-label=\"Progress\">{string.Concat(items)}</ol>";
    }
}
