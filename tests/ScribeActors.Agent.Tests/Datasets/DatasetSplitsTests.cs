using ScribeActors.Agent.Datasets;

namespace ScribeActors.Agent.Tests.Datasets;

public sealed class DatasetSplitsTests
{
    [Theory]
    [InlineData(0, "test")]
    [InlineData(10, "test")]
    [InlineData(1, "validation")]
    [InlineData(21, "validation")]
    [InlineData(2, "train")]
    [InlineData(199, "train")]
    public void BySeed_Seed_FixedSplit(int seed, string split) => Assert.Equal(split, DatasetSplits.BySeed(seed));

    [Fact]
    public void Plan_ThreeTasksTwoSites_EachRecordInExactlyOneSplitPerScheme()
    {
        var records = new[] { ("a.one", "a"), ("a.two", "a"), ("b.one", "b") }
            .SelectMany(t => new[] { 0, 1, 2, 3 }.SelectMany(seed => DatasetSamples.Records(t.Item1, t.Item2, seed)))
            .Reverse().ToList();

        var plan = DatasetSplits.Plan(records, "a.two", "b");

        foreach (var scheme in DatasetSplits.Schemes)
        {
            var ids = DatasetSplits.Names.SelectMany(n => plan[scheme][n]).Select(r => r.Id).ToList();
            Assert.Equal(records.Select(r => r.Id).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }

        Assert.All(plan["instance"]["test"], r => Assert.Equal(0, r.Seed));
        Assert.All(plan["instance"]["validation"], r => Assert.Equal(1, r.Seed));
        Assert.Equal(["a.two"], plan["template"]["test"].Select(r => r.Task).Distinct());
        Assert.DoesNotContain(plan["template"]["train"], r => r.Task == "a.two");
        Assert.Equal(["b"], plan["site"]["test"].Select(r => r.Site).Distinct());
        Assert.Equal(["a"], plan["site"]["train"].Select(r => r.Site).Distinct());
        Assert.Equal(DatasetSplits.Order(plan["instance"]["train"]).Select(r => r.Id), plan["instance"]["train"].Select(r => r.Id));
    }

    [Fact]
    public void DefaultHeldOut_Names_LastInOrdinalOrder()
    {
        Assert.Equal("supplier.largest-open-invoice", DatasetSplits.DefaultHeldOutTask(["supplier.largest-open-invoice", "expenses.submit-report", "supplier.dispute-invoice"]));
        Assert.Equal("supplier", DatasetSplits.DefaultHeldOutSite(["supplier", "expenses"]));
    }
}
