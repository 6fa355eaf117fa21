using System.Text.RegularExpressions;
using ScribeActors.Abstractions;
using ScribeActors.Testing;

namespace ScribeActors.Browser.Tests.Infrastructure;

/// <summary>Reads node ids and text out of a serialised observation.</summary>
public static partial class Dom
{
    /// <summary>The node id of the element whose <c>id</c> attribute is <paramref name="elementId"/>.</summary>
    public static int NodeOf(Observation observation, string elementId)
    {
        var match = Regex.Match(observation.Dom, $"<[^\\s>/]+[^>]*? id=\"{Regex.Escape(elementId)}\"[^>]*? node=\"(\\d+)\">");
        Assert.True(match.Success, $"No element with id '{elementId}' in the observation of {observation.Url}:\n{observation.Dom}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The opening tag of the element whose <c>id</c> attribute is <paramref name="elementId"/>.</summary>
    public static string TagOf(Observation observation, string elementId)
    {
        var match = Regex.Match(observation.Dom, $"<[^\\s>/]+[^>]*? id=\"{Regex.Escape(elementId)}\"[^>]*>");
        Assert.True(match.Success, $"No element with id '{elementId}' in the observation of {observation.Url}.");
        return match.Value;
    }

    /// <summary>All node ids in the order they appear in the serialised DOM.</summary>
    public static List<int> NodeIds(Observation observation) =>
        [.. NodeAttribute().Matches(observation.Dom).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Opening tags in the serialised DOM (markup inside script text does not count).</summary>
    public static int OpeningTagCount(Observation observation) => OpeningTag().Count(ScriptText().Replace(observation.Dom, "$1$2"));

    /// <summary>Observes until <paramref name="condition"/> holds for the DOM, for changes the page makes on its own
    /// schedule (scroll events); fails with the last DOM after <paramref name="timeout"/>.</summary>
    public static Task<Observation> EventuallyAsync(IBrowserSession session, Func<Observation, bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(() => session.ObserveAsync(), condition, what, timeout ?? TimeSpan.FromSeconds(5), o => $"DOM at {o.Url}:\n{o.Dom}");

    [GeneratedRegex(" node=\"(\\d+)\"")]
    private static partial Regex NodeAttribute();

    [GeneratedRegex("(<script[^>]*>).*?(</script>)", RegexOptions.Singleline)]
    private static partial Regex ScriptText();

    [GeneratedRegex("<[a-zA-Z][^\\s/>]*")]
    private static partial Regex OpeningTag();
}
