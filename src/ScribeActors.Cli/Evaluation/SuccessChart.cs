using System.Globalization;
using System.Net;
using System.Text;

namespace ScribeActors.Cli.Evaluation;

/// <summary>A grouped bar chart as SVG: one group per task, one bar per model, height = success rate.</summary>
internal static class SuccessChart
{
    private static readonly string[] Colours = ["#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#718096"];

    /// <summary>The chart's SVG text.</summary>
    public static string Render(string title, IReadOnlyList<string> models, IReadOnlyList<TaskSuccess> summary)
    {
        var tasks = summary.Select(s => s.TaskId).Distinct().ToList();
        const int left = 50, top = 40, bottom = 90, plot = 220, bar = 16, gap = 18;
        var groupWidth = Math.Max(1, models.Count) * bar + gap;
        var width = left + Math.Max(1, tasks.Count) * groupWidth + 160;
        var height = top + plot + bottom;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/><text x=\"{left}\" y=\"20\" font-size=\"13\">{Escape(title)}</text>");
        foreach (var pct in new[] { 0, 50, 100 })
        {
            var y = top + plot - (plot * pct / 100);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{y}\" x2=\"{width - 160}\" y2=\"{y}\" stroke=\"#ddd\"/><text x=\"{left - 6}\" y=\"{y + 4}\" text-anchor=\"end\">{pct}%</text>");
        }

        for (var t = 0; t < tasks.Count; t++)
        {
            var x0 = left + (t * groupWidth) + (gap / 2);
            for (var m = 0; m < models.Count; m++)
            {
                var rate = summary.FirstOrDefault(s => s.TaskId == tasks[t] && s.Model == models[m])?.Rate ?? 0;
                var h = Math.Max(1, (int)Math.Round(rate * plot));
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x0 + (m * bar)}\" y=\"{top + plot - h}\" width=\"{bar - 2}\" height=\"{h}\" fill=\"{Colours[m % Colours.Length]}\"><title>{Escape(models[m])}: {rate:P0}</title></rect>");
            }

            var labelX = x0 + (models.Count * bar / 2);
            svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate({labelX},{top + plot + 12}) rotate(35)\">{Escape(tasks[t])}</text>");
        }

        for (var m = 0; m < models.Count; m++)
        {
            var y = top + 10 + (m * 16);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{width - 150}\" y=\"{y - 9}\" width=\"10\" height=\"10\" fill=\"{Colours[m % Colours.Length]}\"/><text x=\"{width - 135}\" y=\"{y}\">{Escape(models[m])}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
