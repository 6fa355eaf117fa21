using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ScribeActors.Agent.Tests.Prompting;

/// <summary>
/// A test-only reader for the GBNF subset StepGrammar emits (one rule per line; string literals, character classes,
/// rule references, groups, alternatives, and the quantifiers ?, *, +, {m}, {m,}, {m,n}). It checks well-formedness
/// (every referenced rule defined, no recursion, records unbounded repetitions) and compiles the grammar into one
/// .NET regular expression, so tests can ask whether a string is in the language. Written from the llama.cpp GBNF
/// description, independently of StepGrammar's code.
/// </summary>
internal sealed class GbnfRecognizer
{
    private readonly Dictionary<string, string> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _compiled = new(StringComparer.Ordinal);
    private readonly HashSet<string> _compiling = new(StringComparer.Ordinal);
    private readonly Regex _regex;

    public GbnfRecognizer(string gbnf, string root = "root")
    {
        foreach (var raw in gbnf.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var at = line.IndexOf("::=", StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new FormatException($"Not a rule line: {line}");
            }

            var name = line[..at].Trim();
            if (!Regex.IsMatch(name, "^[a-zA-Z0-9-]+$"))
            {
                throw new FormatException($"Bad rule name: '{name}'");
            }

            if (!_rules.TryAdd(name, line[(at + 3)..].Trim()))
            {
                throw new FormatException($"Rule defined twice: {name}");
            }
        }

        if (!_rules.ContainsKey(root))
        {
            throw new FormatException($"No '{root}' rule.");
        }

        _regex = new Regex(@"\A(?:" + Compile(root) + @")\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(10));
    }

    public IReadOnlyCollection<string> RuleNames => _rules.Keys;

    public IReadOnlyDictionary<string, string> Rules => _rules;

    /// <summary>The unbounded repetition operators found (*, +, {m,}), outside literals and character classes.</summary>
    public List<string> UnboundedRepetitions { get; } = [];

    /// <summary>Rules that no other rule references (other than root).</summary>
    public IEnumerable<string> Unreferenced => _rules.Keys.Where(r => r != "root" && !_compiled.ContainsKey(r));

    public bool Accepts(string text) => _regex.IsMatch(text);

    private string Compile(string rule)
    {
        if (_compiled.TryGetValue(rule, out var done))
        {
            return done;
        }

        if (!_rules.TryGetValue(rule, out var body))
        {
            throw new FormatException($"Rule '{rule}' is referenced but not defined.");
        }

        if (!_compiling.Add(rule))
        {
            throw new FormatException($"Rule '{rule}' is recursive; the recogniser handles only non-recursive grammars.");
        }

        var pos = 0;
        var regex = Alternatives(body, ref pos, rule);
        if (pos != body.Length)
        {
            throw new FormatException($"Rule '{rule}': unexpected '{body[pos..]}'");
        }

        _compiling.Remove(rule);
        _compiled[rule] = regex;
        return regex;
    }

    private string Alternatives(string s, ref int pos, string rule)
    {
        var alternatives = new List<string> { Sequence(s, ref pos, rule) };
        while (pos < s.Length && s[pos] == '|')
        {
            pos++;
            alternatives.Add(Sequence(s, ref pos, rule));
        }

        return string.Join("|", alternatives);
    }

    private string Sequence(string s, ref int pos, string rule)
    {
        var sb = new StringBuilder();
        while (true)
        {
            SkipSpace(s, ref pos);
            if (pos >= s.Length || s[pos] is '|' or ')')
            {
                return sb.ToString();
            }

            string item;
            var c = s[pos];
            if (c == '"')
            {
                item = Regex.Escape(ReadLiteral(s, ref pos));
            }
            else if (c == '[')
            {
                var end = pos + 1;
                while (s[end] != ']')
                {
                    end += s[end] == '\\' ? 2 : 1;
                }

                item = s[pos..(end + 1)];
                pos = end + 1;
            }
            else if (c == '(')
            {
                pos++;
                item = Alternatives(s, ref pos, rule);
                if (pos >= s.Length || s[pos] != ')')
                {
                    throw new FormatException($"Rule '{rule}': missing ')'");
                }

                pos++;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c == '-')
            {
                var start = pos;
                while (pos < s.Length && (char.IsAsciiLetterOrDigit(s[pos]) || s[pos] == '-'))
                {
                    pos++;
                }

                item = Compile(s[start..pos]);
            }
            else
            {
                throw new FormatException($"Rule '{rule}': unexpected '{c}' at {pos}");
            }

            sb.Append("(?:").Append(item).Append(')').Append(Quantifier(s, ref pos, rule));
        }
    }

    private string Quantifier(string s, ref int pos, string rule)
    {
        if (pos >= s.Length)
        {
            return "";
        }

        switch (s[pos])
        {
            case '?':
                pos++;
                return "?";
            case '*' or '+':
                UnboundedRepetitions.Add($"{rule}: {s[pos]}");
                return s[pos++].ToString();
            case '{':
                var end = s.IndexOf('}', pos);
                var spec = s[(pos + 1)..end];
                pos = end + 1;
                if (!Regex.IsMatch(spec, @"^\d+(,\d*)?$"))
                {
                    throw new FormatException($"Rule '{rule}': bad repetition {{{spec}}}");
                }

                if (spec.EndsWith(','))
                {
                    UnboundedRepetitions.Add($"{rule}: {{{spec}}}");
                }

                return "{" + spec + "}";
            default:
                return "";
        }
    }

    private static string ReadLiteral(string s, ref int pos)
    {
        var sb = new StringBuilder();
        pos++; // opening quote
        while (s[pos] != '"')
        {
            if (s[pos] == '\\')
            {
                var e = s[pos + 1];
                switch (e)
                {
                    case 'n': sb.Append('\n'); pos += 2; break;
                    case 'r': sb.Append('\r'); pos += 2; break;
                    case 't': sb.Append('\t'); pos += 2; break;
                    case '\\' or '"' or '[' or ']': sb.Append(e); pos += 2; break;
                    case 'x':
                        sb.Append((char)int.Parse(s.AsSpan(pos + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        pos += 4;
                        break;
                    default: throw new FormatException($"Unknown escape \\{e}");
                }
            }
            else
            {
                sb.Append(s[pos++]);
            }
        }

        pos++; // closing quote
        return sb.ToString();
    }

    private static void SkipSpace(string s, ref int pos)
    {
        while (pos < s.Length && s[pos] == ' ')
        {
            pos++;
        }
    }
}
