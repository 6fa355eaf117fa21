namespace ScribeActors.Agent.Datasets;

/// <summary>The output folder cannot take this dataset (it holds something else); nothing in it was changed.</summary>
public sealed class DatasetFolderException(string message) : Exception(message);
