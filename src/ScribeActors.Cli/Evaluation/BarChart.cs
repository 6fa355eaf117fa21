using System.Globalization;
using System.Net;
using System.Text;

namespace ScribeActors.Cli.Evaluation;

/// <summary>A grouped bar chart as SVG: one group per label (a task, a metric), one bar per series (a model), heights
/// are rates in [0, 1].</summary>
internal static class BarChart
{
    private static readonly string[] Colours = ["#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#718096"];

    /// <summary>The chart's SVG text; <paramref name="rate"/> gives the bar of a series in a group (null: no bar).</summary>
    public static string Render(string title, IReadOnlyList<string> series, IReadOnlyList<string> groups, Func<string, string, double?> rate)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(rate);
        const int left = 50, top = 40, bottom = 110, plot = 220, bar = 16, gap = 18, legend = 160;
        var groupWidth = (Math.Max(1, series.Count) * bar) + gap;
        var width = left + (Math.Max(1, groups.Count) * groupWidth) + legend;
        var height = top + plot + bottom;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/><text x=\"{left}\" y=\"20\" font-size=\"13\">{Escape(title)}</text>");
        foreach (var pct in new[] { 0, 50, 100 })
        {
            var y = top + plot - (plot * pct / 100);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{y}\" x2=\"{width - legend}\" y2=\"{y}\" stroke=\"#ddd\"/><text x=\"{left - 6}\" y=\"{y + 4}\" text-anchor=\"end\">{pct}%</text>");
        }

        for (var g = 0; g < groups.Count; g++)
        {
            var x0 = left + (g * groupWidth) + (gap / 2);
            for (var s = 0; s < series.Count; s++)
            {
                if (rate(series[s], groups[g]) is not { } value)
                {
                    continue;
                }

                var h = Math.Max(1, (int)Math.Round(Math.Clamp(value, 0, 1) * plot));
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x0 + (s * bar)}\" y=\"{top + plot - h}\" width=\"{bar - 2}\" height=\"{h}\" fill=\"{Colours[s % Colours.Length]}\"><title>{Escape(series[s])}, {Escape(groups[g])}: {value:P0}</title></rect>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate({x0 + (series.Count * bar / 2)},{top + plot + 12}) rotate(35)\">{Escape(groups[g])}</text>");
        }

        for (var s = 0; s < series.Count; s++)
        {
            var y = top + 10 + (s * 16);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{width - legend + 10}\" y=\"{y - 9}\" width=\"10\" height=\"10\" fill=\"{Colours[s % Colours.Length]}\"/><text x=\"{width - legend + 25}\" y=\"{y}\">{Escape(series[s])}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
