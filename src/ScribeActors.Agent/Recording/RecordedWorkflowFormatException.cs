namespace ScribeActors.Agent.Recording;

/// <summary>A recorded-workflow file is malformed; the message names the file, the place and the problem.</summary>
public sealed class RecordedWorkflowFormatException(string message, Exception? inner = null) : FormatException(message, inner);
