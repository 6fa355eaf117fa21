namespace ScribeActors.DemoSites.Layout;

/// <summary>One link of a site's main navigation.</summary>
/// <param name="Text">Visible text (stable across seeds).</param>
/// <param name="Href">Target path.</param>
internal sealed record NavItem(string Text, string Href);
