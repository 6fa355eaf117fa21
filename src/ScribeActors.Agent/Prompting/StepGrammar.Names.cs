using System.Globalization;
using System.Text;
using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Prompting;

public static partial class StepGrammar
{
    /// <summary>
    /// The click steps when the elements' names are known (<see cref="StepGrammarOptions.NodeNames"/>): a click on a
    /// named element quotes its name, and the name fixes the node (<c>named-click-step</c>: <c>Click "Approval queue"</c>
    /// can only go on to the ids named "Approval queue"); an element without a name a Description can quote (none, or a
    /// quote inside) is clicked with a Description that quotes nothing (<c>unnamed-click-step</c>); an element whose text
    /// is longer than a Description quotes (a container, the body) is not clicked. So the model says what it clicks
    /// before it writes the id, and cannot name one element and click another.
    /// </summary>
    private sealed class ClickSteps
    {
        private readonly List<(string Name, string Continuation)> _named = [];

        private string _lead = "lead";

        private ClickSteps()
        {
        }

        /// <summary>The tries the steps name: rule → ids.</summary>
        public List<(string Rule, SortedSet<int> Ids)> Tries { get; } = [];

        /// <summary>Ids clicked without a quoted name.</summary>
        public SortedSet<int> Unnamed { get; } = [];

        public static ClickSteps Of(SortedSet<int> ids, Func<int, string?> namesOf, Func<int, int>? preference, DescriptionVerbs? verbs, int repeat, int maxNameChars)
        {
            var steps = new ClickSteps { _lead = Lead(verbs, v => v.Click) };
            var byName = new SortedDictionary<string, SortedSet<int>>(StringComparer.Ordinal);
            foreach (var id in ids)
            {
                var name = namesOf(id);
                if (name is { Length: > 0 } && name.Length > maxNameChars)
                {
                    // More text than a Description quotes (a container, the body): not a click anyone describes.
                    continue;
                }

                if (name is null || name.Length == 0 || !Quotable(name))
                {
                    steps.Unnamed.Add(id);
                    continue;
                }

                if (!byName.TryGetValue(name, out var named))
                {
                    byName.Add(name, named = []);
                }

                named.Add(id);
            }

            var tail = $"{Literal("\"")} trail {Literal("\nAction: ")} {Literal(StepActions.Click)} {Literal("\nNode: ")}";
            foreach (var (name, all) in byName)
            {
                // Of look-alikes, the ones that fit the task best, when any fits at all.
                var named = all;
                if (preference is not null && all.Count > 1)
                {
                    var scores = all.ToDictionary(id => id, preference);
                    var best = scores.Values.Max();
                    named = best > 0 ? new SortedSet<int>(all.Where(id => scores[id] == best)) : all;
                }

                string node;
                if (named.Count == 1)
                {
                    var id = named.Min;
                    node = Literal(id.ToString(CultureInfo.InvariantCulture) + Terminal(id, repeat));
                }
                else
                {
                    node = $"click-ids-{steps.Tries.Count}";
                    steps.Tries.Add((node, named));
                }

                steps._named.Add((name, $"{tail} {node}"));
            }

            if (steps.Unnamed.Count > 0)
            {
                steps.Tries.Add((UnnamedRule, steps.Unnamed));
            }

            return steps;
        }

        private const string UnnamedRule = "click-unnamed-node";

        /// <summary>Appends the step rules and adds their names to <paramref name="names"/>.</summary>
        public void Append(StringBuilder rules, List<string> names)
        {
            if (_named.Count > 0)
            {
                names.Add("named-click-step");
                rules.Append("named-click-step ::= ").Append(_lead).Append(' ').Append(Literal("\"")).Append(" click-name\n");
                AppendStringTrie(rules, "click-name", _named);
            }

            if (Unnamed.Count > 0)
            {
                names.Add("unnamed-click-step");
                rules.Append("unnamed-click-step ::= unquoted-description ").Append(Literal("\nAction: ")).Append(' ')
                    .Append(Literal(StepActions.Click)).Append(' ').Append(Literal("\nNode: ")).Append(' ').Append(UnnamedRule).Append('\n');
            }
        }

        public bool NeedsLead => _named.Count > 0 && _lead == "lead";

        public bool NeedsUnquoted => Unnamed.Count > 0;
    }
}
