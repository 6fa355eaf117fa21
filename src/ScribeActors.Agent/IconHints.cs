using System.Globalization;
using System.Text;

namespace ScribeActors.Agent;

/// <summary>
/// What an icon says, read from markup: the name of an icon-font class (<c>fa-trash</c>, <c>bi-trash</c>,
/// <c>icon-trash</c>, ...), of an SVG sprite reference (<c>&lt;use href="#icon-trash"&gt;</c>), of an image file
/// (<c>/icons/download.svg</c>), of a <c>data-icon</c>-style attribute, an icon's <c>title</c>, <c>aria-label</c> or
/// <c>alt</c>, or, for an inline SVG drawn with paths and nothing else, a fingerprint of its geometry.
/// </summary>
/// <remarks>
/// Names are folded to lower-case words; decoration words (<c>icon</c>, <c>solid</c>, <c>outline</c>, <c>alt</c>,
/// sizes such as <c>24</c>, <c>24px</c> or <c>2x</c>, ...) and build hashes (<see cref="ClassTokens.IsHashLike"/>) are
/// dropped, so <c>fa-trash-alt</c>, <c>#icon-trash</c>, <c>ic_trash_24px.png</c> and <c>trash.8f3a2c1e.svg</c> all
/// read <c>trash</c>. A class whose first word after the icon-set prefix is a modifier
/// (<c>fa-2x</c>, <c>fa-pull-left</c>, <c>icon-btn</c>) names no icon. A geometry fingerprint reads
/// <c>svg:</c> plus 8 hex digits and only ever equals itself.
/// </remarks>
public static class IconHints
{
    /// <summary>The prefix of a geometry fingerprint.</summary>
    public const string ShapePrefix = "svg:";

    private static readonly string[] IconClassPrefixes =
    [
        "fa-", "bi-", "icon-", "icon_", "icons-", "glyphicon-", "mdi-", "ti-", "ri-", "la-", "bx-", "bxs-", "bxl-", "pi-",
        "gg-", "octicon-", "codicon-", "feather-", "lucide-", "ion-", "el-icon-", "anticon-", "ph-", "fi-", "uil-",
        "icofont-", "lni-", "oi-", "typcn-", "wi-", "flaticon-", "i-",
    ];

    // A class whose name starts with one of these after the prefix is a modifier of some icon, not an icon.
    private static readonly HashSet<string> ModifierWords = new(StringComparer.Ordinal)
    {
        "fw", "lg", "sm", "xs", "xl", "2xs", "2xl", "spin", "pulse", "border", "inverse", "li", "ul", "stack", "beat",
        "bounce", "fade", "shake", "flip", "rotate", "pull", "solid", "regular", "light", "thin", "duotone", "brands",
        "sharp", "btn", "button", "only", "small", "large", "medium", "wrapper", "container", "white", "black",
        "inline", "block", "size", "color", "primary", "secondary", "text", "link", "left", "right",
    };

    private static readonly HashSet<string> DecorationWords = new(StringComparer.Ordinal)
    {
        "icon", "icons", "ico", "ic", "i", "o", "svg", "sprite", "sprites", "glyph", "glyphicon", "symbol", "img",
        "image", "alt", "solid", "regular", "light", "thin", "outline", "outlined", "filled", "fill", "line", "round",
        "rounded", "sharp", "twotone", "duotone", "md", "ios", "fa", "fas", "far", "fal", "fab", "bi", "mdi", "png",
        "gif", "jpg", "jpeg", "webp",
    };

    /// <summary>The icon names of a <c>class</c> attribute's icon-font classes, folded; empty when it has none.</summary>
    public static IReadOnlyList<string> FromClass(string? classAttribute)
    {
        // Most class attributes hold no icon-font class: answer those without allocating.
        if (string.IsNullOrWhiteSpace(classAttribute) || classAttribute.AsSpan().IndexOfAny('-', '_') < 0)
        {
            return [];
        }

        List<string>? names = null;
        foreach (var token in classAttribute.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var prefix = IconClassPrefixes.FirstOrDefault(p => token.Length > p.Length && token.StartsWith(p, StringComparison.OrdinalIgnoreCase));
            if (prefix is null)
            {
                continue;
            }

            var rest = token[prefix.Length..];
            var first = TextNormalizer.Fold(rest).Split(' ')[0];
            if (ModifierWords.Contains(first) || IsSize(first))
            {
                continue;
            }

            if (Normalize(rest) is { } name)
            {
                names ??= [];
                if (!names.Contains(name, StringComparer.Ordinal))
                {
                    names.Add(name);
                }
            }
        }

        return names ?? (IReadOnlyList<string>)[];
    }

    /// <summary>The icon name of a sprite reference (<c>#icon-trash</c>, <c>/sprite.svg#trash</c>) or an image URL
    /// (<c>/icons/download.svg?v=2</c>): the fragment when there is one, else the file name without extension;
    /// <see langword="null"/> for data URLs and references that name nothing.</summary>
    public static string? FromReference(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference) || reference.TrimStart().StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var s = reference.Trim();
        var hash = s.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            return Normalize(s[(hash + 1)..]);
        }

        var query = s.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            s = s[..query];
        }

        var file = s[(s.LastIndexOf('/') + 1)..];
        var dot = file.LastIndexOf('.');
        return Normalize(dot > 0 ? file[..dot] : file);
    }

    /// <summary>The folded words of <paramref name="text"/> without decoration words and sizes; <see langword="null"/>
    /// when nothing is left.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var sb = new StringBuilder();
        foreach (var word in TextNormalizer.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!DecorationWords.Contains(word) && !IsSize(word) && !ClassTokens.IsHashLike(word))
            {
                sb.Append(sb.Length == 0 ? "" : " ").Append(word);
            }
        }

        return sb.Length == 0 ? null : sb.ToString();
    }

    /// <summary>A fingerprint of inline SVG geometry (the <c>d</c>/<c>points</c> data of its shapes, whitespace
    /// collapsed, in order): <c>svg:</c> plus the 8 hex digits of its 32-bit FNV-1a hash.</summary>
    public static string Shape(IEnumerable<string> geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var hash = 2166136261u;
        foreach (var part in geometry)
        {
            foreach (var c in TextNormalizer.Collapse(part))
            {
                hash = (hash ^ c) * 16777619u;
            }

            hash = (hash ^ '|') * 16777619u;
        }

        return ShapePrefix + hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    /// <summary>How well two lists of icon names agree, in [0, 1]: the best agreement of any pair, where a geometry
    /// fingerprint agrees only with itself and names agree as text does (exact 1, equal after folding 0.9, one
    /// containing the other 0.4–0.7, half or more of the words shared up to 0.5). 0 when either list is empty.</summary>
    public static double Agreement(IReadOnlyList<string> wanted, IReadOnlyList<string> got)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(got);
        var best = 0.0;
        foreach (var w in wanted)
        {
            foreach (var g in got)
            {
                var shape = w.StartsWith(ShapePrefix, StringComparison.Ordinal) || g.StartsWith(ShapePrefix, StringComparison.Ordinal);
                var agreement = shape
                    ? (string.Equals(w, g, StringComparison.Ordinal) ? 1 : 0)
                    : TextNormalizer.Agreement(w, TextNormalizer.Fold(w), g);
                best = Math.Max(best, agreement);
            }
        }

        return best;
    }

    private static bool IsSize(string word)
    {
        if (word.Length == 0)
        {
            return false;
        }

        var digits = 0;
        while (digits < word.Length && char.IsAsciiDigit(word[digits]))
        {
            digits++;
        }

        // A bare number is a size from 10 up (ic_delete_24); a single digit is part of a name (trash-2).
        var unit = word[digits..];
        return digits > 0 && (unit is "x" or "px" or "dp" or "pt" or "em" or "rem" || (unit.Length == 0 && digits >= 2));
    }
}
