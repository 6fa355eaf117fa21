namespace ScribeActors.Silo.Security;

/// <summary>The silo would be reachable beyond loopback without an API key, or a configured key is unusable; the silo
/// does not start. The message names the setting.</summary>
public sealed class ApiKeyConfigurationException(string message) : Exception(message);
