namespace ScribeActors.DemoSites.State;

/// <summary>A message sent through the support chat widget.</summary>
/// <param name="Username">The sender.</param>
/// <param name="Text">The message text.</param>
public sealed record SupportMessage(string Username, string Text);
