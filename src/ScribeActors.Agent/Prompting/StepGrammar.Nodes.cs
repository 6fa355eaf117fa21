using ScribeActors.Abstractions;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Prompting;

public static partial class StepGrammar
{
    /// <summary>
    /// The ids each action may name: with <see cref="StepGrammarOptions.NodeActions"/>, a click only ids that take a
    /// click, a type only ids that take typing, a select only selects, a key combination or a scroll any id that takes
    /// something; without it, every id for every action. Each set has its own trie rule (<c>click-node</c>,
    /// <c>type-node</c>, <c>select-node</c>, <c>node</c>), and a set equal to the whole is written as <c>node</c>.
    /// </summary>
    private sealed class NodeSets
    {
        public const string AnyRule = "node";

        private readonly Dictionary<string, (SortedSet<int> Ids, string Rule)> _byAction = new(StringComparer.Ordinal);

        private NodeSets(SortedSet<int> any) => Any = any;

        /// <summary>The ids that take any action (a key combination's or a scroll's target).</summary>
        public SortedSet<int> Any { get; }

        public static NodeSets Of(SortedSet<int> ids, Func<int, ElementActions>? actionsOf)
        {
            if (actionsOf is null)
            {
                var all = new NodeSets(ids);
                foreach (var action in new[] { StepActions.Click, StepActions.Type, StepActions.SelectOption })
                {
                    all._byAction[action] = (ids, AnyRule);
                }

                return all;
            }

            var kinds = ids.ToDictionary(id => id, actionsOf);
            var sets = new NodeSets(new SortedSet<int>(ids.Where(id => kinds[id] != ElementActions.None)));
            sets.Add(StepActions.Click, ElementActions.Click, "click-node", kinds);
            sets.Add(StepActions.Type, ElementActions.Type, "type-node", kinds);
            sets.Add(StepActions.SelectOption, ElementActions.Select, "select-node", kinds);
            return sets;
        }

        /// <summary>The ids a node-taking action may name (none for an action without a node).</summary>
        public SortedSet<int> For(string action) => _byAction.TryGetValue(action, out var set) ? set.Ids : [];

        /// <summary>The trie rule of a node-taking action's ids.</summary>
        public string RuleFor(string action) => _byAction.TryGetValue(action, out var set) ? set.Rule : AnyRule;

        private void Add(string action, ElementActions needs, string rule, Dictionary<int, ElementActions> kinds)
        {
            var ids = new SortedSet<int>(Any.Where(id => (kinds[id] & needs) != 0));
            _byAction[action] = (ids, ids.SetEquals(Any) ? AnyRule : rule);
        }
    }
}
