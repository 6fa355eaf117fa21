using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Pruning;

internal static partial class FitterTestPages
{
    /// <summary>Nav links at the top, a table of <paramref name="rows"/> rows with an Approve button each, a search form at
    /// the bottom.</summary>
    public static PrunedHtml Business(int rows)
    {
        var sb = new StringBuilder("<html><head><title>Invoices</title></head><body><header><nav>");
        foreach (var item in new[] { "Home", "Invoices", "Reports", "Settings" })
        {
            sb.Append(CultureInfo.InvariantCulture, $"<a href=\"/{item.ToLowerInvariant()}\">{item}</a>");
        }

        sb.Append("</nav></header><main><h1>Open invoices</h1><p>Review the invoices below before the end of the month.</p><table class=\"grid\">");
        for (var i = 0; i < rows; i++)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"row\"><td>INV-{i:D5}</td><td>Supplier number {i}</td><td>{(i * 37) % 1000}.00 EUR</td><td><button type=\"button\" class=\"approve\">Approve</button></td></tr>");
        }

        sb.Append("</table><form><label>Search <input type=\"text\" name=\"q\" placeholder=\"Invoice number\"></label>")
          .Append("<select name=\"status\"><option value=\"open\">Open</option><option value=\"paid\">Paid</option></select>")
          .Append("<button type=\"submit\">Search</button></form></main><footer><p>Copyright Acme</p></footer></body></html>");
        return HtmlPruner.Prune(sb.ToString());
    }

    /// <summary>Asserts that every opening tag is closed in order, and returns the node ids in the text.</summary>
    public static List<int> AssertWellFormed(string html)
    {
        var open = new Stack<string>();
        var ids = new List<int>();
        foreach (Match m in TagPattern().Matches(html))
        {
            var name = m.Groups["name"].Value;
            if (m.Groups["node"].Success)
            {
                ids.Add(int.Parse(m.Groups["node"].Value, CultureInfo.InvariantCulture));
            }

            if (m.Groups["close"].Length > 0)
            {
                Assert.True(open.Count > 0, $"</{name}> closes nothing");
                Assert.Equal(open.Pop(), name);
            }
            else if (m.Groups["self"].Length == 0)
            {
                open.Push(name);
            }
        }

        Assert.Empty(open);
        return ids;
    }

    [GeneratedRegex("<(?<close>/?)(?<name>[a-z0-9-]+)(?:[^>]*? node=\"(?<node>\\d+)\")?[^>]*?(?<self>/?)>")]
    private static partial Regex TagPattern();
}
