using System.Globalization;
using System.Net;
using System.Text;

namespace ScribeActors.Cli.Evaluation;

/// <summary>A line chart as SVG: one line per series over a shared x axis (epochs), y from 0 to the largest value.</summary>
internal static class LineChart
{
    private static readonly string[] Colours = ["#2b6cb0", "#c05621", "#2f855a", "#6b46c1"];

    /// <summary>The chart's SVG text; a series' null values leave gaps.</summary>
    public static string Render(string title, string xLabel, IReadOnlyList<(string Name, IReadOnlyList<double?> Values)> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        const int left = 60, top = 40, width = 640, height = 320, plotW = 440, plotH = 220;
        var points = Math.Max(2, series.Max(s => s.Values.Count));
        var max = series.SelectMany(s => s.Values).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(1).Max();
        max = max <= 0 ? 1 : max;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/><text x=\"{left}\" y=\"20\" font-size=\"13\">{WebUtility.HtmlEncode(title)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top + plotH}\" x2=\"{left + plotW}\" y2=\"{top + plotH}\" stroke=\"black\"/><line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{top + plotH}\" stroke=\"black\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{top + 4}\" text-anchor=\"end\">{max:G3}</text><text x=\"{left - 6}\" y=\"{top + plotH}\" text-anchor=\"end\">0</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{top + plotH + 16}\">1</text><text x=\"{left + plotW}\" y=\"{top + plotH + 16}\" text-anchor=\"end\">{points} {WebUtility.HtmlEncode(xLabel)}</text>");
        for (var s = 0; s < series.Count; s++)
        {
            var colour = Colours[s % Colours.Length];
            var path = new StringBuilder();
            for (var i = 0; i < series[s].Values.Count; i++)
            {
                if (series[s].Values[i] is not { } v)
                {
                    continue;
                }

                var x = left + (plotW * i / (double)(points - 1));
                var y = top + plotH - (plotH * v / max);
                path.Append(path.Length == 0 ? 'M' : 'L').Append(CultureInfo.InvariantCulture, $"{x:F1},{y:F1} ");
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:F1}\" cy=\"{y:F1}\" r=\"2.5\" fill=\"{colour}\"><title>{WebUtility.HtmlEncode(series[s].Name)} {i + 1}: {v:G4}</title></circle>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path.ToString().Trim()}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + plotW + 20}\" y=\"{top + (s * 16)}\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text x=\"{left + plotW + 35}\" y=\"{top + 9 + (s * 16)}\">{WebUtility.HtmlEncode(series[s].Name)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }
}
