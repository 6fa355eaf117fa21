using System.Globalization;

namespace ScribeActors.Agent.Datasets;

/// <summary>Parses seed lists such as <c>0-199</c> or <c>0,3,10-12</c> and writes them back in canonical form.</summary>
public static class SeedList
{
    /// <summary>The seeds of <paramref name="text"/>, ascending and distinct.</summary>
    /// <exception cref="FormatException">The text is not a list of seeds and ranges; the message names the bad part.</exception>
    public static IReadOnlyList<int> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var seeds = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length is < 1 or > 2 || !bounds.All(IsSeed))
            {
                throw new FormatException($"'{part}' in the seed list '{text}' is not a seed or a range such as 0-199 (seeds are whole numbers from 0).");
            }

            var (from, to) = (int.Parse(bounds[0], CultureInfo.InvariantCulture), int.Parse(bounds[^1], CultureInfo.InvariantCulture));
            if (to < from)
            {
                throw new FormatException($"The range '{part}' in the seed list '{text}' runs backwards.");
            }

            for (var seed = from; seed <= to; seed++)
            {
                seeds.Add(seed);
            }
        }

        return [.. seeds];
    }

    /// <summary>The canonical text of <paramref name="seeds"/>: ascending runs joined by commas (<c>0-3,7</c>).</summary>
    public static string Format(IEnumerable<int> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var sorted = seeds.Distinct().Order().ToArray();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Length;)
        {
            var j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? sorted[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}-{sorted[j]}"));
            i = j + 1;
        }

        return string.Join(',', parts);
    }

    private static bool IsSeed(string s) => s.Length is > 0 and <= 9 && s.All(char.IsAsciiDigit);
}
