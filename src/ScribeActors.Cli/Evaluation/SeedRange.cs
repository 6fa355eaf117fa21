using System.Globalization;

namespace ScribeActors.Cli.Evaluation;

/// <summary>Seeds written as ranges and lists: <c>0-199</c>, <c>3,5,8</c>, <c>200-204,300</c>.</summary>
internal static class SeedRange
{
    /// <summary>The seeds <paramref name="text"/> names, in order, without repeats.</summary>
    /// <exception cref="FormatException">A part is not a seed or a rising range of seeds; the message names it.</exception>
    public static IReadOnlyList<int> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var seeds = new List<int>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var bounds = raw.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length is < 1 or > 2 || !bounds.All(IsSeed))
            {
                throw new FormatException($"'{raw}' in --seeds is not a seed (0 or more) or a range like 200-219.");
            }

            var from = int.Parse(bounds[0], CultureInfo.InvariantCulture);
            var to = int.Parse(bounds[^1], CultureInfo.InvariantCulture);
            if (to < from)
            {
                throw new FormatException($"'{raw}' in --seeds runs backwards; write {to}-{from}.");
            }

            seeds.AddRange(Enumerable.Range(from, to - from + 1));
        }

        return [.. seeds.Distinct()];
    }

    private static bool IsSeed(string part) => part.Length is > 0 and <= 9 && part.All(char.IsAsciiDigit);
}
