namespace ScribeActors.Agent.Recording;

/// <summary>A scripted step could not be recorded; the message names the step, selector and page.</summary>
public sealed class RecordingException(string message) : Exception(message);
