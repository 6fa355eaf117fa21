using System.Globalization;
using System.Text;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Prompting;

public static partial class StepGrammar
{
    /// <summary>
    /// The value steps (a type or a select, the value quoted in the Description) split by what the chosen element
    /// accepts (<see cref="StepGrammarOptions.NodeValues"/>): free text on text fields and on selects whose options are
    /// unknown (<c>value-step</c>, as without values), a value of the field's form on a date, time, month, week,
    /// datetime-local or number input (<c>typed-step</c>, one trie per form), and on each select with known options one
    /// of their labels, the node fixed by the option (<c>option-step</c>). With a source typed text is copied from
    /// (<see cref="StepGrammarOptions.TypedTextSource"/>) a text field takes a run of its words (<c>copied-text</c>), a
    /// formatted field one of its runs of that form, and a select the options it names, each if it has any. The Description's quoted value comes before the
    /// Action and Node lines, so a value no element accepts leaves no way to finish the step.
    /// </summary>
    private sealed class ValueSteps
    {
        private readonly List<string> _freeAlternatives = [];
        private readonly List<string> _formatAlternatives = [];
        /// <summary>Each quotable option label and the selects that offer it.</summary>
        private readonly SortedDictionary<string, List<int>> _options = new(StringComparer.Ordinal);

        private string _selectAction = StepActions.SelectOption;

        private int _repeat = 1;

        /// <summary>The tries the steps name: rule → ids.</summary>
        public List<(string Rule, SortedSet<int> Ids)> Tries { get; } = [];

        /// <summary>The form rules the steps name.</summary>
        public SortedSet<FieldFormat> Formats { get; } = [];

        public bool HasFree => _freeAlternatives.Count > 0;

        /// <summary>The source typed text is copied from (<see cref="StepGrammarOptions.TypedTextSource"/>), if any.</summary>
        private string? _source;

        private int _maxValueChars;

        private DescriptionVerbs? _verbs;


        private bool _spans;

        public static ValueSteps Of(List<string> quoted, NodeSets nodes, Func<int, FieldValues>? valuesOf, string? typedTextSource, DescriptionVerbs? verbs, int repeat, int maxValueChars)
        {
            var steps = new ValueSteps { _source = typedTextSource, _maxValueChars = maxValueChars, _verbs = verbs };
            var runs = typedTextSource is null ? [] : new HashSet<string>(TypedTextSpans.All(typedTextSource, maxValueChars), StringComparer.Ordinal);
            steps._spans = runs.Count > 0;
            var action = Literal("\nAction: ");
            var node = Literal("\nNode: ");
            var close = Literal("\"") + " trail " + action + " ";
            var free = new List<(string Action, SortedSet<int> Ids, string Rule)>();
            foreach (var quotedAction in quoted)
            {
                var ids = nodes.For(quotedAction);
                var rule = nodes.RuleFor(quotedAction);
                if (valuesOf is null && (typedTextSource is null || quotedAction != StepActions.Type))
                {
                    free.Add((quotedAction, ids, rule));
                    continue;
                }

                var values = ids.ToDictionary(id => id, id => valuesOf?.Invoke(id) ?? FieldValues.AnyText);
                if (quotedAction == StepActions.Type)
                {
                    var text = new SortedSet<int>(ids.Where(id => values[id].Format == FieldFormat.Text));
                    var textRule = text.Count == ids.Count ? rule : Same(text, nodes) ?? "type-text-node";
                    if (text.Count > 0 && steps._spans)
                    {
                        // Typed text is a run of the source's words.
                        steps.Tries.Add((textRule, text));
                        steps._formatAlternatives.Add($"{SpanRule} {close}{Literal(quotedAction)} {node} {textRule}");
                    }
                    else if (text.Count > 0)
                    {
                        free.Add((quotedAction, text, textRule));
                    }

                    foreach (var group in ids.Where(id => values[id].Format != FieldFormat.Text).GroupBy(id => values[id].Format))
                    {
                        // A value of the field's form; copied from the source when the source holds one.
                        var copied = runs.Where(v => FitsFormat(group.Key, v)).Order(StringComparer.Ordinal).ToList();
                        var value = copied.Count > 0 ? "(" + string.Join(" | ", copied.Select(Literal)) + ")" : FormatName(group.Key) + "-value";
                        var trie = $"type-{FormatName(group.Key)}-node";
                        if (copied.Count == 0)
                        {
                            steps.Formats.Add(group.Key);
                        }

                        steps.Tries.Add((trie, new SortedSet<int>(group)));
                        steps._formatAlternatives.Add($"{value} {close}{Literal(quotedAction)} {node} {trie}");
                    }
                }
                else
                {
                    var open = new SortedSet<int>();
                    foreach (var id in ids)
                    {
                        var labels = values[id].Options.Where(o => o.Length <= maxValueChars && Quotable(o)).ToList();

                        // With values copied from the objective, a select takes the options the objective names, when it
                        // names any ("category Training" leaves "Training" of the category select).
                        if (labels.Any(runs.Contains))
                        {
                            labels = [.. labels.Where(runs.Contains)];
                        }

                        if (labels.Count == 0)
                        {
                            open.Add(id);
                            continue;
                        }

                        foreach (var label in labels)
                        {
                            if (!steps._options.TryGetValue(label, out var selects))
                            {
                                steps._options.Add(label, selects = []);
                            }

                            selects.Add(id);
                        }

                        (steps._selectAction, steps._repeat) = (quotedAction, repeat);
                    }

                    if (open.Count > 0)
                    {
                        free.Add((quotedAction, open, open.Count == ids.Count ? rule : Same(open, nodes) ?? "select-free-node"));
                    }
                }
            }

            foreach (var group in free.GroupBy(f => f.Rule))
            {
                steps.Tries.Add((group.Key, group.First().Ids));
                steps._freeAlternatives.Add($"{Choice([.. group.Select(f => f.Action)])} {node} {group.Key}");
            }

            return steps;
        }

        /// <summary>Appends the step rules and adds their names to <paramref name="names"/>.</summary>
        public void Append(StringBuilder rules, List<string> names)
        {
            if (_freeAlternatives.Count > 0)
            {
                names.Add("value-step");
                rules.Append("value-step ::= quoted-description ").Append(Literal("\nAction: ")).Append(' ')
                    .Append(_freeAlternatives.Count == 1 ? _freeAlternatives[0] : "(" + string.Join(" | ", _freeAlternatives) + ")").Append('\n');
            }

            if (_formatAlternatives.Count > 0)
            {
                names.Add("typed-step");
                rules.Append("typed-step ::= ").Append(Lead(_verbs, v => v.Type)).Append(' ').Append(Literal("\"")).Append(" (").AppendJoin(" | ", _formatAlternatives).Append(")\n");
            }

            if (_options.Count > 0)
            {
                // One trie over every select's labels (a select with many options, two selects sharing "Yes"): the label
                // leads to the selects that offer it.
                names.Add("option-step");
                rules.Append("option-step ::= ").Append(Lead(_verbs, v => v.Select)).Append(' ').Append(Literal("\"")).Append(" option-label\n");
                var tail = $"{Literal("\"")} trail {Literal("\nAction: ")} {Literal(_selectAction)} {Literal("\nNode: ")}";
                AppendStringTrie(rules, "option-label", _options.Select(o => (o.Key, $"{tail} " + (o.Value.Count == 1
                    ? Literal(Id(o.Value[0]))
                    : "(" + string.Join(" | ", o.Value.Select(id => Literal(Id(id)))) + ")"))));
            }
        }

        private string Id(int id) => id.ToString(CultureInfo.InvariantCulture) + Terminal(id, _repeat);

        /// <summary>The rules of the value forms named, and of the source's runs of words.</summary>
        public void AppendFormats(StringBuilder gbnf)
        {
            if (_spans && _formatAlternatives.Any(a => a.StartsWith(SpanRule + " ", StringComparison.Ordinal)))
            {
                TypedTextSpans.AppendRule(gbnf, SpanRule, _source!, _maxValueChars);
            }

            foreach (var format in Formats)
            {
                gbnf.Append(FormatName(format)).Append("-value ::= ").Append(format switch
                {
                    FieldFormat.Date => Date,
                    FieldFormat.Time => Time,
                    FieldFormat.Month => @"[0-9]{4} ""-"" [0-1] [0-9]",
                    FieldFormat.Week => @"[0-9]{4} ""-W"" [0-5] [0-9]",
                    FieldFormat.DateTimeLocal => $@"{Date} ""T"" {Time}",
                    FieldFormat.Number => @"""-""? [0-9]{1,12} (""."" [0-9]{1,6})?",
                    _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Text has no form rule."),
                }).Append('\n');
            }
        }

        private const string SpanRule = "copied-text";

        /// <summary>Whether <paramref name="text"/> has the form <paramref name="format"/> asks (the rules below, as regexes).</summary>
        private static bool FitsFormat(FieldFormat format, string text) => System.Text.RegularExpressions.Regex.IsMatch(text, format switch
        {
            FieldFormat.Date => @"^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$",
            FieldFormat.Time => @"^[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$",
            FieldFormat.Month => @"^[0-9]{4}-[0-1][0-9]$",
            FieldFormat.Week => @"^[0-9]{4}-W[0-5][0-9]$",
            FieldFormat.DateTimeLocal => @"^[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$",
            FieldFormat.Number => @"^-?[0-9]{1,12}(\.[0-9]{1,6})?$",
            _ => ".",
        }, System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        private const string Date = @"[0-9]{4} ""-"" [0-1] [0-9] ""-"" [0-3] [0-9]";
        private const string Time = @"[0-2] [0-9] "":"" [0-5] [0-9] ("":"" [0-5] [0-9])?";

        private static string FormatName(FieldFormat format) => format == FieldFormat.DateTimeLocal ? "datetime" : format.ToString().ToLowerInvariant();

        /// <summary>The rule of a node set that equals <paramref name="ids"/> (the whole set), if any.</summary>
        private static string? Same(SortedSet<int> ids, NodeSets nodes) => ids.SetEquals(nodes.Any) ? NodeSets.AnyRule : null;
    }
}
