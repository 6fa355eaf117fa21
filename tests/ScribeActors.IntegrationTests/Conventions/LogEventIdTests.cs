using System.Reflection;
using Microsoft.Extensions.Logging;

namespace ScribeActors.IntegrationTests.Conventions;

/// <summary>
/// Every log message of the product names its event id, and no two messages share one: an operator filters and alerts
/// on the id, so an id must mean one message wherever it comes from.
/// </summary>
[Trait("Suite", "Unit")]
public sealed class LogEventIdTests
{
    private static readonly string[] Products =
        ["ScribeActors.Abstractions", "ScribeActors.Agent", "ScribeActors.Browser", "ScribeActors.Client", "ScribeActors.DemoSites", "ScribeActors.Grains", "ScribeActors.Inference", "ScribeActors.Silo"];

    [Fact]
    public void LoggerMessages_EachHasItsOwnEventId()
    {
        var messages = Products
            .Select(Assembly.Load)
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.FullName}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        Assert.True(messages.Count > 40, $"only {messages.Count} logger messages found: the scan is looking in the wrong place");
        Assert.Empty(messages.Where(m => m.Attribute!.EventId == 0).Select(m => m.Method));
        var shared = messages
            .GroupBy(m => m.Attribute!.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}");
        Assert.Empty(shared);
    }
}
