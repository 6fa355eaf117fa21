namespace ScribeActors.Silo;

/// <summary>The configured storage account is missing, malformed or unreachable; the silo does not start.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
