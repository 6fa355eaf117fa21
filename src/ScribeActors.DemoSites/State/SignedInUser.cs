namespace ScribeActors.DemoSites.State;

/// <summary>A signed-in session of one of the sites.</summary>
/// <param name="Site"><c>supplier</c> or <c>expenses</c>.</param>
/// <param name="Username">The login name.</param>
/// <param name="DisplayName">The name the site shows.</param>
/// <param name="Role">The user's role on that site (<c>supplier</c>, <c>employee</c>, <c>manager</c>).</param>
/// <param name="SignedInAt">When the session was created.</param>
public sealed record SignedInUser(string Site, string Username, string DisplayName, string Role, DateTimeOffset SignedInAt);
