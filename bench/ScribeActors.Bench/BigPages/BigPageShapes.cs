using System.Globalization;
using System.Text;

namespace ScribeActors.Bench.BigPages;

/// <summary>
/// Deterministic generators of large pages of one shape each, written the way the browser capture writes an observed
/// DOM (every element with <c>node="N"</c>, numbered in reverse pre-order, the document element largest; text escaped;
/// form state as attributes), or as raw HTML without ids (what <c>scribe prune FILE.html</c> reads).
/// </summary>
internal static class BigPageShapes
{
    /// <summary>The shapes, in report order.</summary>
    public static readonly string[] Names =
    [
        "table", "spreadsheet", "text-nodes", "long-attributes", "deep", "siblings", "options", "svg", "list", "huge-text", "everything",
    ];

    /// <summary>A page of <paramref name="shape"/> of at least <paramref name="targetChars"/> characters.</summary>
    public static string Build(string shape, int targetChars, bool withIds = true, int seed = 1) =>
        Build(shape, targetChars, out _, withIds, seed);

    /// <summary>A page of <paramref name="shape"/> of at least <paramref name="targetChars"/> characters, and how many
    /// nodes (elements and texts) it has.</summary>
    public static string Build(string shape, int targetChars, out int nodes, bool withIds = true, int seed = 1)
    {
        var w = new DomWriter(withIds, targetChars, seed);
        w.Open("html", " lang=\"en\"");
        w.Open("head");
        w.Open("title");
        w.Text($"Acme · {shape}");
        w.Close("title");
        w.Open("style");
        w.Raw(".grid td{padding:2px}.btn{color:#333}");
        w.Close("style");
        w.Open("script");
        w.Raw("window.__STATE__={\"user\":1842};");
        w.Close("script");
        w.Close("head");
        w.Open("body", " class=\"app theme-light\"");
        w.Open("div", " id=\"root\"");
        switch (shape)
        {
            case "table": Table(w, targetChars); break;
            case "spreadsheet": Spreadsheet(w, targetChars); break;
            case "text-nodes": TextNodes(w, targetChars); break;
            case "long-attributes": LongAttributes(w, targetChars); break;
            case "deep": Deep(w, targetChars); break;
            case "siblings": Siblings(w, targetChars); break;
            case "options": Options(w, targetChars); break;
            case "svg": Svg(w, targetChars); break;
            case "list": List(w, targetChars); break;
            case "huge-text": HugeText(w, targetChars); break;
            case "everything": Everything(w, targetChars); break;
            default: throw new ArgumentException($"Unknown shape '{shape}'; use one of {string.Join(", ", Names)}.", nameof(shape));
        }

        w.Close("div");
        w.Close("body");
        w.Close("html");
        nodes = w.Nodes;
        return w.ToString();
    }

    // A sheet of small numeric cells: a node every dozen characters.
    private static void Spreadsheet(DomWriter w, int target)
    {
        w.Open("table", " class=\"sheet\"");
        w.Open("tbody");
        while (w.Length < target)
        {
            w.Open("tr");
            for (var c = 0; c < 10; c++)
            {
                w.Open("td");
                w.Text(w.Next(100).ToString(CultureInfo.InvariantCulture));
                w.Close("td");
            }

            w.Close("tr");
        }

        w.Close("tbody");
        w.Close("table");
    }

    // A data grid: rows of checkbox, link, text cells, a quantity input and two buttons.
    private static void Table(DomWriter w, int target, int share = 1)
    {
        w.Open("table", " class=\"grid\"");
        w.Open("tbody");
        for (var row = 0; w.Length < target / share; row++)
        {
            w.Open("tr", $" class=\"grid-row {w.Hash()}\" data-row-id=\"{w.Guid()}\"");
            w.Open("td", " class=\"cell\"");
            w.Void("input", $" type=\"checkbox\" name=\"sel\" value=\"{row}\"");
            w.Close("td");
            w.Open("td", " class=\"cell\"");
            w.Open("a", $" href=\"/orders/ORD-{row}\"");
            w.Text($"ORD-{row}");
            w.Close("a");
            w.Close("td");
            w.Open("td", " class=\"cell\"");
            w.Text($"{w.Word()} {w.Word()} GmbH");
            w.Close("td");
            w.Open("td", " class=\"cell amount\"");
            w.Text($"{w.Next(10, 99999)}.{w.Next(0, 99):D2} EUR");
            w.Close("td");
            w.Open("td", " class=\"cell\"");
            w.Void("input", $" type=\"number\" name=\"qty-{row}\" value=\"{w.Next(1, 9)}\"");
            w.Close("td");
            w.Open("td", " class=\"cell actions\"");
            w.Open("button", $" type=\"button\" class=\"btn btn-primary\" onclick=\"approve({row})\"");
            w.Text("Approve");
            w.Close("button");
            w.Open("button", " type=\"button\" class=\"btn-icon\" aria-label=\"More\"");
            w.Close("button");
            w.Close("td");
            w.Close("tr");
        }

        w.Close("tbody");
        w.Close("table");
    }

    // Prose broken into very many text nodes by inline elements, line breaks and links.
    private static void TextNodes(DomWriter w, int target, int share = 1)
    {
        for (var p = 0; w.Length < target / share; p++)
        {
            w.Open("p");
            for (var i = 0; i < 40; i++)
            {
                w.Text($"{w.Word()} {w.Word()} ");
                switch (i % 5)
                {
                    case 0: w.Open("b"); w.Text(w.Word()); w.Close("b"); break;
                    case 1: w.Void("br"); break;
                    case 2: w.Open("em"); w.Text(w.Word()); w.Close("em"); break;
                    case 3: w.Open("span", " class=\"kw\""); w.Text(w.Word()); w.Close("span"); break;
                    default: w.Open("a", $" href=\"#n{p}-{i}\""); w.Text(w.Word()); w.Close("a"); break;
                }
            }

            w.Close("p");
        }
    }

    // Cards whose elements carry long attribute values: JSON props, tracking URLs, inline styles, long class lists.
    private static void LongAttributes(DomWriter w, int target, int share = 1)
    {
        for (var card = 0; w.Length < target / share; card++)
        {
            var classes = string.Join(' ', Enumerable.Range(0, 14).Select(i => i % 3 == 0 ? w.Hash() : $"u-{w.Word()}-{i}"));
            w.Open("div", $" class=\"card {classes}\" data-props=\"{w.Json(600)}\" style=\"{w.Style(180)}\"");
            w.Open("a", $" href=\"/item/{card}?utm_source=feed&amp;utm_campaign={w.Guid()}&amp;ref={w.Base64(220)}\" title=\"{w.Sentence(24)}\"");
            w.Text(w.Sentence(4));
            w.Close("a");
            w.Void("img", $" src=\"data:image/png;base64,{w.Base64(400)}\" alt=\"{w.Sentence(6)}\" srcset=\"{w.Base64(200)} 2x\"");
            w.Open("button", $" type=\"button\" aria-label=\"{w.Sentence(10)}\" data-analytics=\"{w.Json(300)}\" class=\"{classes}\"");
            w.Text("Add");
            w.Close("button");
            w.Close("div");
        }
    }

    // Repeated blocks nested 300 levels deep (a component tree), each with a control and text at the bottom.
    private static void Deep(DomWriter w, int target, int share = 1, int depth = 300)
    {
        for (var block = 0; w.Length < target / share; block++)
        {
            for (var d = 0; d < depth; d++)
            {
                w.Open(d % 3 == 0 ? "section" : "div", d % 2 == 0 ? $" class=\"layer-{d % 7}\"" : "");
            }

            w.Open("label");
            w.Text($"Field {block}");
            w.Close("label");
            w.Void("input", $" type=\"text\" name=\"f{block}\" value=\"{w.Word()}\"");
            w.Open("button", " type=\"submit\"");
            w.Text("Save");
            w.Close("button");
            for (var d = depth - 1; d >= 0; d--)
            {
                w.Close(d % 3 == 0 ? "section" : "div");
            }
        }
    }

    // One parent with hundreds of thousands of children of changing kinds (so nothing collapses as a list).
    private static void Siblings(DomWriter w, int target, int share = 1)
    {
        w.Open("div", " class=\"canvas\"");
        for (var i = 0; w.Length < target / share; i++)
        {
            switch (i % 6)
            {
                case 0: w.Open("span", " class=\"t\""); w.Text(w.Word()); w.Close("span"); break;
                case 1: w.Open("a", $" href=\"#{i}\""); w.Text(w.Word()); w.Close("a"); break;
                case 2: w.Open("div", " class=\"cell\""); w.Text(w.Word()); w.Close("div"); break;
                case 3: w.Open("button", " type=\"button\""); w.Text("Go"); w.Close("button"); break;
                case 4: w.Void("input", $" type=\"text\" name=\"n{i}\""); break;
                default: w.Open("i", " class=\"icon\""); w.Close("i"); break;
            }
        }

        w.Close("div");
    }

    // Selects with 20,000 options each.
    private static void Options(DomWriter w, int target, int share = 1)
    {
        w.Open("form", " action=\"/filter\"");
        for (var s = 0; w.Length < target / share; s++)
        {
            w.Open("label", $" for=\"sel-{s}\"");
            w.Text($"Choice {s}");
            w.Close("label");
            w.Open("select", $" id=\"sel-{s}\" name=\"sel-{s}\"");
            for (var o = 0; o < 20_000 && w.Length < target / share; o++)
            {
                w.Open("option", o == 7 ? $" value=\"v{o}\" selected=\"\"" : $" value=\"v{o}\"");
                w.Text($"{w.Word()} {o}");
                w.Close("option");
            }

            w.Close("select");
        }

        w.Close("form");
    }

    // Icon buttons with inline SVG: long path data, circles, rects, uses.
    private static void Svg(DomWriter w, int target, int share = 1)
    {
        for (var i = 0; w.Length < target / share; i++)
        {
            w.Open("button", $" type=\"button\" class=\"icon-btn\" aria-label=\"Action {i}\"");
            w.Open("svg", " viewBox=\"0 0 24 24\" class=\"icon\"");
            w.Open("path", $" d=\"{w.PathData(30)}\" fill=\"currentColor\"");
            w.Close("path");
            w.Open("path", $" d=\"{w.PathData(8)}\"");
            w.Close("path");
            w.Open("circle", $" cx=\"{w.Next(24)}\" cy=\"{w.Next(24)}\" r=\"2\"");
            w.Close("circle");
            w.Open("rect", $" x=\"{w.Next(24)}\" y=\"{w.Next(24)}\" width=\"4\" height=\"4\"");
            w.Close("rect");
            w.Open("use", " href=\"#sprite-star\"");
            w.Close("use");
            w.Close("svg");
            w.Close("button");
        }
    }

    // Search results: one long list of look-alike items (the interactive fitter collapses it).
    private static void List(DomWriter w, int target, int share = 1)
    {
        w.Open("ul", " class=\"results\"");
        for (var i = 0; w.Length < target / share; i++)
        {
            w.Open("li", " class=\"result-item\"");
            w.Open("a", $" href=\"/p/{i}\" class=\"result-link\"");
            w.Text(w.Sentence(4));
            w.Close("a");
            w.Open("span", " class=\"meta\"");
            w.Text($"{w.Next(1, 28)} {w.Word()} · {w.Next(1, 999)} reviews");
            w.Close("span");
            w.Open("button", " type=\"button\" class=\"add\"");
            w.Text("Add to cart");
            w.Close("button");
            w.Close("li");
        }

        w.Close("ul");
    }

    // A few huge text nodes: prose, a log in pre, a textarea's value, an unbroken base64 blob.
    private static void HugeText(DomWriter w, int target, int share = 1)
    {
        var quarter = target / share / 4;
        w.Open("p");
        w.Text(w.Prose(quarter));
        w.Close("p");
        w.Open("pre");
        w.Text(w.Log(quarter));
        w.Close("pre");
        w.Open("textarea", " name=\"notes\"");
        w.Text(w.Prose(quarter));
        w.Close("textarea");
        w.Open("div", " class=\"blob\"");
        w.Text(w.Base64(Math.Max(0, (target / share) - w.Length)));
        w.Close("div");
        w.Open("button", " type=\"submit\"");
        w.Text("Send");
        w.Close("button");
    }

    // Every shape at once, as dense as the page of the report (720,006 nodes in 11.8 MB): a spreadsheet for 45%, then
    // each other shape in turn, a few huge texts last.
    private static void Everything(DomWriter w, int target)
    {
        Spreadsheet(w, target * 45 / 100);
        var shapes = new Action<int>[]
        {
            t => Table(w, t), t => TextNodes(w, t), t => LongAttributes(w, t), t => Deep(w, t, depth: 60), t => Siblings(w, t),
            t => Options(w, t), t => Svg(w, t), t => List(w, t),
        };
        var start = w.Length;
        var share = (target * 92 / 100 - start) / shapes.Length;
        for (var i = 0; i < shapes.Length; i++)
        {
            shapes[i](start + (share * (i + 1)));
        }

        w.Open("div", " class=\"tail\"");
        HugeTextOfSize(w, Math.Max(0, target - w.Length));
        w.Close("div");
    }

    private static void HugeTextOfSize(DomWriter w, int chars)
    {
        w.Open("p");
        w.Text(w.Prose(chars / 2));
        w.Close("p");
        w.Open("pre");
        w.Text(w.Log(chars / 2));
        w.Close("pre");
    }

    /// <summary>Writes elements with an id placeholder, numbered once the count is known.</summary>
    private sealed class DomWriter(bool withIds, int capacity, int seed)
    {
        private const char Slot = '\u0001';
        private readonly StringBuilder _sb = new(capacity + 65_536);
        private readonly Random _random = new(seed);
        private int _elements;
        private int _texts;

        public int Length => _sb.Length;

        public void Open(string tag, string attributes = "")
        {
            _sb.Append('<').Append(tag).Append(attributes);
            if (withIds)
            {
                _sb.Append(" node=\"").Append(Slot).Append('"');
            }

            _sb.Append('>');
            _elements++;
        }

        public void Void(string tag, string attributes = "") => Open(tag, attributes);

        public void Close(string tag) => _sb.Append("</").Append(tag).Append('>');

        public int Nodes => _elements + _texts;

        public void Text(string text)
        {
            _texts += text.Length > 0 ? 1 : 0;
            foreach (var c in text)
            {
                _ = c switch
                {
                    '&' => _sb.Append("&amp;"),
                    '<' => _sb.Append("&lt;"),
                    '>' => _sb.Append("&gt;"),
                    _ => _sb.Append(c),
                };
            }
        }

        public void Raw(string text) => _sb.Append(text);

        public int Next(int max) => _random.Next(max);

        public int Next(int min, int max) => _random.Next(min, max);

        public string Word() => Words[_random.Next(Words.Length)];

        public string Sentence(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Word()));

        public string Hash() => "css-" + _random.Next(0x100000, 0xFFFFFF).ToString("x6", CultureInfo.InvariantCulture);

        public string Guid()
        {
            Span<byte> bytes = stackalloc byte[16];
            _random.NextBytes(bytes);
            return new System.Guid(bytes).ToString();
        }

        public string Base64(int chars)
        {
            var bytes = new byte[(chars * 3 / 4) + 3];
            _random.NextBytes(bytes);
            var text = Convert.ToBase64String(bytes);
            return text.Length > chars ? text[..chars] : text;
        }

        public string Json(int chars)
        {
            var sb = new StringBuilder("{");
            for (var i = 0; sb.Length < chars; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"&quot;{Word()}{i}&quot;:&quot;{Word()} {_random.Next(99999)}&quot;,");
            }

            return sb.Append("&quot;end&quot;:1}").ToString();
        }

        public string Style(int chars)
        {
            var sb = new StringBuilder();
            while (sb.Length < chars)
            {
                sb.Append(CultureInfo.InvariantCulture, $"margin-{Word()}:{_random.Next(64)}px;color:#{_random.Next(0xFFFFFF):x6};");
            }

            return sb.ToString();
        }

        public string PathData(int commands)
        {
            var sb = new StringBuilder("M");
            for (var i = 0; i < commands; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{_random.Next(24)}.{_random.Next(99)} {_random.Next(24)}.{_random.Next(99)}{"LCQSTH"[i % 6]}");
            }

            return sb.Append('Z').ToString();
        }

        public string Prose(int chars)
        {
            var sb = new StringBuilder(chars + 64);
            while (sb.Length < chars)
            {
                sb.Append(Sentence(_random.Next(6, 18))).Append(". ");
                if (_random.Next(8) == 0)
                {
                    sb.Append('\n');
                }
            }

            return sb.ToString();
        }

        public string Log(int chars)
        {
            var sb = new StringBuilder(chars + 128);
            for (var i = 0; sb.Length < chars; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"2026-12-0{1 + (i % 9)}T10:{i % 60:D2}:{i * 7 % 60:D2}Z INFO  [{Word()}] request {Guid()} took {_random.Next(999)} ms\n");
            }

            return sb.ToString();
        }

        public override string ToString()
        {
            if (!withIds)
            {
                return _sb.ToString();
            }

            // Reverse pre-order: the first element written (html) gets the largest id.
            var result = new StringBuilder(_sb.Length + (_elements * 7));
            var next = _elements - 1;
            foreach (var chunk in _sb.GetChunks())
            {
                var span = chunk.Span;
                int at;
                while ((at = span.IndexOf(Slot)) >= 0)
                {
                    result.Append(span[..at]).Append(next--);
                    span = span[(at + 1)..];
                }

                result.Append(span);
            }

            return result.ToString();
        }

        private static readonly string[] Words =
        [
            "invoice", "supplier", "payment", "order", "delivery", "approval", "budget", "quarter", "review", "account",
            "contract", "freight", "customs", "warehouse", "credit", "note", "balance", "due", "overdue", "pending",
            "Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Proseware", "Adventure", "Works", "über", "façade",
        ];
    }
}
