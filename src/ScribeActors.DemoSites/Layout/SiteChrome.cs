namespace ScribeActors.DemoSites.Layout;

/// <summary>What a site's frame shows around a page: brand, navigation and the signed-in user.</summary>
internal sealed record SiteChrome
{
    /// <summary>Site key: <c>supplier</c>, <c>expenses</c> or <c>landing</c>.</summary>
    public required string Site { get; init; }

    public required string Brand { get; init; }

    public required string HomeHref { get; init; }

    public required IReadOnlyList<NavItem> Nav { get; init; }

    /// <summary>The help page; <see cref="HomeHref"/> + <c>/help</c> when not set.</summary>
    public string? HelpHref { get; init; }

    /// <summary>The signed-in user's display name; <see langword="null"/> when signed out.</summary>
    public string? UserDisplayName { get; init; }

    /// <summary>Where "Sign out" points; <see langword="null"/> for no sign-out link.</summary>
    public string? SignOutHref { get; init; }

    /// <summary>Where the newsletter distractor posts; <see langword="null"/> for none.</summary>
    public string? NewsletterAction { get; init; }

    /// <summary>A promotional line for the promo-banner distractor.</summary>
    public string? Promo { get; init; }

    /// <summary>Inline script appended to the body (for example a custom element definition).</summary>
    public string? Script { get; init; }
}
