using ScribeActors.Abstractions;

namespace ScribeActors.Client.Tests;

public sealed class ScribeClientOptionsTests
{
    [Fact]
    public void New_Defaults_ReachTheLocalAzuriteClusterNamedScribe()
    {
        var options = new ScribeClientOptions();

        Assert.Equal(AzuriteDefaults.ConnectionString, options.ConnectionString);
        Assert.Equal(ScribeClientOptions.AzuriteConnectionString, options.ConnectionString);
        Assert.Equal("scribe", options.ClusterId);
        Assert.Equal("scribe", options.ServiceId);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ConnectTimeout);
        Assert.Null(options.ApiKey);
    }

    [Fact]
    public void SectionName_IsScribeClient()
    {
        Assert.Equal("Scribe:Client", ScribeClientOptions.SectionName);
    }
}
