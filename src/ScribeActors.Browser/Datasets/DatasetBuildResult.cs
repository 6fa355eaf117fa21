using ScribeActors.Agent.Datasets;

namespace ScribeActors.Browser.Datasets;

/// <summary>What a build did.</summary>
/// <param name="Statistics">The dataset's statistics (also in <c>stats.json</c>).</param>
/// <param name="Built">Instances recorded in this run.</param>
/// <param name="Skipped">Instances found done from an earlier run.</param>
/// <param name="InstanceTimes">Wall time of each instance recorded in this run, by instance id (not written to the dataset).</param>
public sealed record DatasetBuildResult(DatasetStatistics Statistics, int Built, int Skipped, IReadOnlyDictionary<string, TimeSpan> InstanceTimes);
