using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ScribeActors.Cli.Infrastructure;

/// <summary>Durations as an operator types them: <c>90s</c>, <c>10m</c>, <c>1h30m</c>, <c>2d</c>, or <c>hh:mm:ss</c>.</summary>
internal static partial class DurationText
{
    /// <summary>Reads <paramref name="text"/> given for <paramref name="option"/>; <see langword="null"/> text is no
    /// duration. Otherwise says in <paramref name="problem"/> what is wrong and what to type.</summary>
    public static bool TryParse(string? text, string option, out TimeSpan? duration, [NotNullWhen(false)] out string? problem)
    {
        duration = null;
        problem = null;
        if (text is null)
        {
            return true;
        }

        var units = Units().Match(text.Trim());
        if (units.Success && units.Groups.Cast<Group>().Skip(1).Any(g => g.Success))
        {
            try
            {
                duration = TimeSpan.FromDays(Part(units, "d")) + TimeSpan.FromHours(Part(units, "h"))
                    + TimeSpan.FromMinutes(Part(units, "m")) + TimeSpan.FromSeconds(Part(units, "s"));
                return true;
            }
            catch (OverflowException)
            {
            }
        }
        else if (text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var span))
        {
            duration = span;
            return true;
        }

        problem = $"{option} '{text}' is not a duration: give it as 90s, 10m, 1h30m, 2d or hh:mm:ss.";
        return false;
    }

    private static long Part(Match match, string unit) =>
        match.Groups[unit].Success ? long.Parse(match.Groups[unit].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?:(?<d>\d{1,6})d)?(?:(?<h>\d{1,6})h)?(?:(?<m>\d{1,6})m)?(?:(?<s>\d{1,7})s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Units();
}
