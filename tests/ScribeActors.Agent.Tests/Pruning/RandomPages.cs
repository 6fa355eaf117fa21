using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Pruning;

/// <summary>
/// Deterministic random tag soup for regression tests of the pruner and the fitters: every valid and unwrapped tag,
/// void and raw-text elements, misnesting, unclosed and stray tags, comments, inline frames with markup, declarative
/// shadow roots, tables that foster-parent, pre and textarea, white space of every kind, entities, quotes of both
/// kinds, hashed and plain class tokens, long values, event handlers, style with and without <c>user-select</c>, and
/// (on even seeds) node ids as a capture writes them, sometimes repeated or small.
/// </summary>
internal static class RandomPages
{
    private static readonly string[] Tags =
    [
        "div", "span", "a", "button", "input", "p", "table", "tr", "td", "th", "ul", "li", "ol", "select", "option", "svg", "path",
        "circle", "rect", "use", "pre", "textarea", "label", "img", "form", "section", "h1", "h3", "b", "i", "em", "strong", "code",
        "nav", "article", "font", "center", "tbody", "thead", "small", "iframe", "template", "script", "style", "noscript", "br",
        "hr", "meta", "link", "title", "my-widget", "lightning-primitive-icon", "i18n-string", "image", "frame", "canvas", "main",
        "header", "footer", "aside", "figure", "dl", "dt", "dd", "mark", "q", "cite", "abbr", "var", "ins", "col", "area", "body",
        "html", "head",
    ];

    private static readonly string[] Words =
    [
        "invoice", "save", "Home", "wrapper", "btn", "btn-primary", "nav", "x", "é", "über", "数据", "a1", "css-1x2y3z4", "sc-bdVaJa",
        "dGhpcyBpcyBh", "foo_bar", "Approve", "12.00", "€", "none", "",
    ];

    private static readonly string[] Spaces = [" ", "  ", "\n", "\t", " \n\t ", "\u00a0", "\x1c", "\u2003", "\r\n"];

    private static readonly string[] AttributeNames =
    [
        "class", "id", "href", "onclick", "jsaction", "style", "data-style", "noscript-x", "title", "alt", "aria-label", "value",
        "role", "tabindex", "placeholder", "aria-role", "name", "type", "data-x", "data-content", "onfoo", "on", "selected", "checked",
        "src", "d", "node", "NODE", "for", "label", "expanded", "required", "desc", "text", "input", "option_selected",
        "aria-selected", "shadowrootmode",
    ];

    /// <summary>The page of <paramref name="seed"/>.</summary>
    public static string Make(int seed)
    {
        var r = new Random(seed);
        var ids = seed % 2 == 0;
        var sb = new StringBuilder();
        var nextId = r.Next(5, 500);
        if (r.Next(3) > 0)
        {
            sb.Append("<!DOCTYPE html>");
        }

        var open = new Stack<string>();
        var steps = r.Next(1, 120);
        for (var k = 0; k < steps; k++)
        {
            var op = r.Next(10);
            if (op < 4 || open.Count == 0)
            {
                var tag = Tags[r.Next(Tags.Length)];
                tag = r.Next(20) == 0 ? tag.ToUpperInvariant() : tag;
                sb.Append('<').Append(tag);
                for (var a = r.Next(0, 5); a > 0; a--)
                {
                    sb.Append(' ').Append(Attribute(r));
                }

                if (ids && r.Next(10) > 0)
                {
                    sb.Append(" node=\"").Append(r.Next(8) == 0 ? r.Next(0, 20) : nextId--).Append('"');
                }

                sb.Append(r.Next(15) == 0 ? "/>" : ">");
                if (tag.Equals("iframe", StringComparison.OrdinalIgnoreCase) && r.Next(2) == 0)
                {
                    sb.Append("<div class=\"inner\"><button onclick=\"x()\">In frame</button> text &amp; more</div>");
                }

                open.Push(tag);
            }
            else if (op < 7)
            {
                sb.Append(Text(r));
            }
            else if (op < 9)
            {
                var tag = open.Pop();
                if (r.Next(8) > 0)
                {
                    sb.Append("</").Append(tag).Append('>');
                }
            }
            else
            {
                sb.Append(r.Next(6) switch
                {
                    0 => "<!-- c " + Text(r) + " -->",
                    1 => "</" + Tags[r.Next(Tags.Length)] + ">",
                    2 => "<pre>\n  line one\n\tline  two  </pre>",
                    3 => "<textarea name=\"t\">  hi\n there </textarea>",
                    4 => "<template shadowrootmode=\"open\"><button>shadow</button></template>",
                    _ => "<table><div>foster</div>text<tr><td>c</td></tr></table>",
                });
            }
        }

        while (open.Count > 0 && r.Next(4) > 0)
        {
            sb.Append("</").Append(open.Pop()).Append('>');
        }

        return sb.ToString();
    }

    /// <summary>Twenty pages one after the other (tens of kilobytes: fitters read such a page in pieces).</summary>
    public static string MakeLarge(int seed) => string.Concat(Enumerable.Range(seed * 20, 20).Select(Make));

    /// <summary>
    /// A digest of everything the pruner and both fitters give for pages <paramref name="first"/> to
    /// <paramref name="first"/> + <paramref name="count"/> - 1 (<see cref="MakeLarge"/> pages with
    /// <paramref name="large"/>): the pruned HTML, node ids, element count, id mode, the target tag of every id, and each
    /// fitter's text, ids, tokens and truncation at several budgets: the tail fitter's, or with <paramref name="interactive"/>
    /// the interactive-first fitter's (two settings).
    /// </summary>
    public static string Digest(int first, int count, bool large = false, bool interactive = false)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\u0000"));
        for (var seed = first; seed < first + count; seed++)
        {
            var html = large ? MakeLarge(seed) : Make(seed);
            ITokenCounter counter = seed % 3 == 0 ? new PerCharacter() : ApproximateTokenCounter.Instance;
            var pruned = HtmlPruner.Prune(html, PruneOptions.Reference with { TokenCounter = counter, MaxAttributeLength = seed % 5 == 0 ? 16 : 32 });
            Add(pruned.Html);
            Add(string.Join(',', pruned.NodeIds));
            Add(pruned.SourceElementCount.ToString(CultureInfo.InvariantCulture) + pruned.IdsAssigned);
            for (var id = -1; id <= pruned.SourceElementCount + 1; id++)
            {
                Add(pruned.TargetTag(id) ?? "-");
            }

            foreach (var budget in large ? new[] { 0, 60, 400, 1500, 6000 } : new[] { 0, 7, 60, 400 })
            {
                var fitters = interactive
                    ? new IDomFitter[] { new InteractiveFirstFitter(), new InteractiveFirstFitter(1, 3) }
                    : [new TailFitter()];
                foreach (var fitter in fitters)
                {
                    var fitted = fitter.Fit(pruned, budget, counter);
                    Add($"{fitted.Html}|{string.Join(',', fitted.NodeIds)}|{fitted.Tokens}|{fitted.Truncated}");
                }
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..24];
    }

    private static string Text(Random r)
    {
        var sb = new StringBuilder();
        for (var n = r.Next(0, 8); n > 0; n--)
        {
            sb.Append(r.Next(3) == 0 ? Spaces[r.Next(Spaces.Length)] : " ");
            sb.Append(r.Next(12) switch { 0 => "&amp;", 1 => "&lt;b&gt;", 2 => "&quot;'", 3 => "&nbsp;", 4 => "<", _ => "" });
            sb.Append(Words[r.Next(Words.Length)]);
        }

        if (r.Next(4) == 0)
        {
            sb.Append(Spaces[r.Next(Spaces.Length)]);
        }

        return sb.ToString();
    }

    private static string Attribute(Random r)
    {
        var name = AttributeNames[r.Next(AttributeNames.Length)];
        var value = new StringBuilder();
        for (var i = 0; i < r.Next(0, 6); i++)
        {
            if (i > 0)
            {
                value.Append(r.Next(3) == 0 ? Spaces[r.Next(Spaces.Length)] : " ");
            }

            value.Append(r.Next(8) switch
            {
                0 => "css-" + r.Next(0x100000, 0xFFFFFF).ToString("x6", CultureInfo.InvariantCulture),
                1 => Base64(r),
                2 => "user-select: none",
                3 => "a'b\"c",
                4 => "x&y<z>",
                5 => new string('q', r.Next(1, 60)),
                _ => Words[r.Next(Words.Length)],
            });
        }

        var quote = r.Next(3) == 0 ? '\'' : '"';
        var escaped = value.ToString().Replace(quote.ToString(), quote == '"' ? "&quot;" : "&#39;", StringComparison.Ordinal);
        return r.Next(10) == 0 ? name : $"{name}={quote}{escaped}{quote}";
    }

    private static string Base64(Random r)
    {
        var bytes = new byte[r.Next(8, 40)];
        r.NextBytes(bytes);
        return Convert.ToBase64String(bytes).Replace("=", "", StringComparison.Ordinal);
    }

    /// <summary>One token per character: every long value fails the ratio test, every class token passes.</summary>
    private sealed class PerCharacter : ITokenCounter
    {
        public string Name => "per-character";

        public int CountTokens(string text) => text.Length;
    }
}
