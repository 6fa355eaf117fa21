using System.Globalization;
using System.Text;
using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Prompting;

/// <summary>
/// Builds a llama.cpp GBNF grammar (root rule <c>root</c>) that lets a model generate exactly the first four lines of
/// the next ScribeAgent step (scribeagent-format.md §2.4, §8.2):
/// <code>
/// {stepNumber}.
/// Description: {1..MaxDescriptionChars characters, no control characters, not starting with a space}
/// Action: {one of the allowed action tokens}
/// Node: {an id of the page, NodeRepeat times, space-separated} | none
/// </code>
/// each line ending with <c>\n</c>, and nothing after the Node line: the Target line is never generated; it is copied
/// from the page afterwards (<see cref="StepCompletion.Complete"/>).
/// </summary>
/// <remarks>
/// <para>Node line by action: <c>mouse_click_action</c>, <c>keyboard_sequence_action</c> and <c>select_option_action</c>
/// take an id; <c>keyboard_combination_action</c> and <c>scroll_action</c> take an id or <c>none</c> (keys for the
/// focused element, scrolling the page); <c>go_back_action</c>, <c>goto_action</c> and <c>finish_action</c> take
/// <c>none</c>, the way <see cref="ScribeStep.Render"/> writes a step without a node.</para>
/// <para>Ids: only the given ids, written in decimal without leading zeros. They are emitted as a digit trie with
/// prefix-factored rules (<c>node ::= "1" node-1 | "7\n"</c>, <c>node-1 ::= "2\n" | "5\n"</c>), chains of single
/// children merged into one literal, so the grammar grows linearly with the number of ids and each rule has at most
/// eleven alternatives. With <c>NodeRepeat</c> 5 each id's own alternative spells its four repeats (GBNF has no
/// back-references), so <c>Node: 7 7 7 7 8</c> is impossible.</para>
/// <para>Descriptions carry what their action needs, so that every accepted step can be performed
/// (<see cref="ActionMapper"/> reads it from there): <c>keyboard_sequence_action</c> and <c>select_option_action</c>
/// quote a non-empty value (<c>Type "4471"</c>), <c>keyboard_combination_action</c> quotes known key names with up to
/// three modifiers (<c>Press "Control+A"</c>), <c>goto_action</c> holds an http(s) URL; the text before the quoted part
/// holds no quotes (so the mapper reads the right one). The other actions take any single-line text.</para>
/// <para>Elements: with <see cref="StepGrammarOptions.NodeActions"/> (the planner passes
/// <see cref="Pruning.PrunedHtml.ActionsOf"/>) each action names only the ids that can take it: a select only a
/// <c>&lt;select&gt;</c>, a type only a text-like field, a textarea or a contenteditable element, a click any shown,
/// enabled element; hidden and disabled elements, hidden inputs and options are named by no action. Each such set of ids
/// is a trie rule of its own (<c>click-node</c>, <c>type-node</c>, <c>select-node</c>; <c>node</c> for the set of all).</para>
/// <para>Names: with <see cref="StepGrammarOptions.NodeNames"/> (the planner passes <see cref="Pruning.PrunedHtml.NameOf"/>)
/// a click on a named element quotes its name, which fixes the node (<c>named-click-step</c>); an element without a
/// quotable name is clicked with a Description that quotes nothing (<c>unnamed-click-step</c>).</para>
/// <para>Values: with <see cref="StepGrammarOptions.NodeValues"/> (the planner passes <see cref="Pruning.PrunedHtml.ValuesOf"/>)
/// the quoted value must suit the element the step then names: a date, time, month, week, datetime-local or number
/// input takes a value of its form (<c>typed-step</c>), a select with known options one of their labels, which fixes
/// the node (<c>option-step</c>); text fields and selects without known options take any value (<c>value-step</c>).</para>
/// <para>Every repetition is bounded (<c>{0,n}</c>): a small model under an unbounded <c>*</c> may never stop.</para>
/// <para>Empty <c>nodeIds</c> (nothing on the page has an id, or the chunk is empty): only actions whose
/// Node line may be <c>none</c> remain.</para>
/// </remarks>
public static partial class StepGrammar
{
    /// <summary>Builds the grammar for step <paramref name="stepNumber"/> on a page showing <paramref name="nodeIds"/>.</summary>
    /// <param name="stepNumber">The number of the step to generate (history length + 1); at least 1.</param>
    /// <param name="nodeIds">The node ids in the observation shown to the model; duplicates are ignored.</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <returns>The GBNF text, one rule per line, starting with the <c>root</c> rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nodeIds"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepNumber"/> is below 1, or an option is out of range.</exception>
    /// <exception cref="ArgumentException">A node id is negative; an allowed action is unknown; no action is allowed, or none
    /// can be generated because every allowed action needs a node id and <paramref name="nodeIds"/> is empty.</exception>
    public static string Build(int stepNumber, IReadOnlyCollection<int> nodeIds, StepGrammarOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepNumber, 1);
        ArgumentNullException.ThrowIfNull(nodeIds);
        options ??= new StepGrammarOptions();
        var repeat = options.NodeRepeat;
        if (repeat is < 1 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(options), repeat, "StepGrammarOptions.NodeRepeat must be between 1 and 10 (1 for the history form, 5 for the reference's label form).");
        }

        var maxChars = options.MaxDescriptionChars;
        if (maxChars is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), maxChars, "StepGrammarOptions.MaxDescriptionChars must be between 1 and 1000.");
        }

        var ids = new SortedSet<int>();
        foreach (var id in nodeIds)
        {
            if (id < 0)
            {
                throw new ArgumentException($"Node id {id} is negative; node ids are the non-negative numbers of the page's node attributes.", nameof(nodeIds));
            }

            ids.Add(id);
        }

        var actions = Actions(options.AllowedActions);
        var nodes = NodeSets.Of(ids, options.NodeActions);
        var required = actions.Where(a => StepNodeRules.For(a) == StepNodeRule.Required && nodes.For(a).Count > 0).ToList();
        var optional = actions.Where(a => StepNodeRules.For(a) == StepNodeRule.Optional).ToList();
        var none = actions.Where(a => StepNodeRules.For(a) == StepNodeRule.None).ToList();
        if (required.Count + optional.Count + none.Count == 0)
        {
            throw new ArgumentException(
                ids.Count == 0
                    ? $"No step can be generated: every allowed action ({string.Join(", ", actions)}) needs a node id and the page shows none."
                    : $"No step can be generated: every allowed action ({string.Join(", ", actions)}) needs a node id and none of the {ids.Count} shown elements can take it.",
                nameof(nodeIds));
        }

        var gbnf = new StringBuilder();
        var number = stepNumber.ToString(CultureInfo.InvariantCulture);
        var nodeLine = Literal("\nNode: ");
        var actionLine = Literal("\nAction: ");
        var noneLiteral = Literal(ScribeStep.None + "\n");
        var optionalNode = nodes.Any.Count > 0 ? $"({NodeSets.AnyRule} | {noneLiteral})" : noneLiteral;

        // Each action's Description must carry what the action needs (ActionMapper reads it from there): typed text and
        // options quoted, keys quoted from the known key names, a goto's http(s) URL. Steps are grouped by that need.
        var clicks = options.NodeNames is not null && required.Contains(StepActions.Click)
            ? ClickSteps.Of(nodes.For(StepActions.Click), options.NodeNames, options.NodePreference, options.Verbs, repeat, ValueChars(maxChars, options.Verbs))
            : null;
        var plainRequired = required.Where(a => Need(a) == DescriptionNeed.None && (clicks is null || a != StepActions.Click)).ToList();
        var plainOptional = optional.Where(a => Need(a) == DescriptionNeed.None).ToList();
        var plainNone = none.Where(a => Need(a) == DescriptionNeed.None).ToList();
        var quoted = required.Where(a => Need(a) == DescriptionNeed.QuotedValue).ToList();
        var keys = optional.Concat(required).Where(a => Need(a) == DescriptionNeed.Keys).ToList();
        var urls = none.Where(a => Need(a) == DescriptionNeed.Url).ToList();

        var steps = new List<string>();
        var rules = new StringBuilder();
        var plain = new List<string>();
        foreach (var group in plainRequired.GroupBy(nodes.RuleFor))
        {
            plain.Add($"{Choice([.. group])} {nodeLine} {group.Key}");
        }

        if (plainOptional.Count > 0)
        {
            plain.Add($"{Choice(plainOptional)} {nodeLine} {optionalNode}");
        }

        // With names a quote in a Description is the name of what a click clicks: the other plain steps quote nothing
        // and a finish quotes only its answer (Answer "INV-3076"), so that a model cannot leave a constrained value
        // through a step that takes any text (a finish still can: its answer is free).
        var strict = clicks is not null;
        var answers = strict && plainNone.Remove(StepActions.Finish);
        if (plainNone.Count > 0)
        {
            plain.Add($"{Choice(plainNone)} {nodeLine} {noneLiteral}");
        }

        if (plain.Count > 0)
        {
            steps.Add("plain-step");
            rules.Append("plain-step ::= ").Append(strict ? "unquoted-description " : "description ").Append(actionLine).Append(" (").AppendJoin(" | ", plain).Append(")\n");
        }

        if (answers)
        {
            steps.Add("finish-step");
            rules.Append("finish-step ::= (unquoted-description | answer-description) ").Append(actionLine).Append(' ')
                .Append(Literal(StepActions.Finish)).Append(' ').Append(nodeLine).Append(' ').Append(noneLiteral).Append('\n');
        }

        clicks?.Append(rules, steps);
        var values = ValueSteps.Of(quoted, nodes, options.NodeValues, options.TypedTextSource, options.Verbs, repeat, ValueChars(maxChars, options.Verbs));
        values.Append(rules, steps);

        if (keys.Count > 0)
        {
            steps.Add("keys-step");
            rules.Append("keys-step ::= keys-description ").Append(actionLine).Append(' ').Append(Choice(keys)).Append(' ').Append(nodeLine).Append(' ').Append(optionalNode).Append('\n');
        }

        if (urls.Count > 0)
        {
            steps.Add("url-step");
            rules.Append("url-step ::= url-description ").Append(actionLine).Append(' ').Append(Choice(urls)).Append(' ').Append(nodeLine).Append(' ').Append(noneLiteral).Append('\n');
        }

        gbnf.Append("root ::= ").Append(Literal(number + ".\nDescription: ")).Append(' ')
            .Append(steps.Count == 1 ? steps[0] : "(" + string.Join(" | ", steps) + ")").Append('\n');
        gbnf.Append(rules);
        AppendDescriptions(gbnf, maxChars, plain.Count > 0 && !strict, quoted.Count > 0 || clicks?.NeedsLead == true || answers, values.HasFree, keys.Count > 0, urls.Count > 0,
            clicks?.NeedsUnquoted == true || (strict && plain.Count > 0) || answers, answers, options.Verbs);
        values.AppendFormats(gbnf);

        // One trie per set of ids the steps above name (the same set is written once).
        var written = new HashSet<string>(StringComparer.Ordinal);
        var tries = plainRequired.Select(a => (nodes.RuleFor(a), nodes.For(a)))
            .Concat(nodes.Any.Count > 0 && optional.Count > 0 ? [(NodeSets.AnyRule, nodes.Any)] : [])
            .Concat(values.Tries)
            .Concat(clicks?.Tries ?? []);
        foreach (var (rule, set) in tries)
        {
            if (written.Add(rule))
            {
                AppendTrie(gbnf, set, repeat, rule);
            }
        }

        // With verbs the free lead may be left to nothing that names it.
        var text = gbnf.ToString();
        var leadRule = text.IndexOf("\nlead ::= ", StringComparison.Ordinal);
        if (leadRule >= 0 && !text.Split('\n').Any(line => !line.StartsWith("lead ::= ", StringComparison.Ordinal) && line.Contains(" lead ", StringComparison.Ordinal)))
        {
            var end = text.IndexOf('\n', leadRule + 1);
            text = text.Remove(leadRule + 1, end - leadRule);
        }

        return text;
    }

    /// <summary>Quotes <paramref name="text"/> as a GBNF string literal: <c>"</c> and <c>\</c> are backslash-escaped,
    /// newline, carriage return and tab become <c>\n</c>, <c>\r</c>, <c>\t</c>, other control characters <c>\xHH</c>;
    /// everything else (non-ASCII included, which llama.cpp reads as UTF-8) is copied.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append(@"\\"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                case < ' ': sb.Append(@"\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture)); break;
                default: sb.Append(c); break;
            }
        }

        return sb.Append('"').ToString();
    }

    private static List<string> Actions(IReadOnlyCollection<string> allowed)
    {
        if (allowed is null || allowed.Count == 0)
        {
            throw new ArgumentException("StepGrammarOptions.AllowedActions is empty; allow at least one action token.", nameof(allowed));
        }

        var actions = new List<string>();
        foreach (var action in allowed)
        {
            if (action is null || !StepActions.All.Contains(action))
            {
                throw new ArgumentException(
                    $"StepGrammarOptions.AllowedActions holds the unknown action \"{action}\"; known actions: {string.Join(", ", StepActions.All)}.",
                    nameof(allowed));
            }

            if (!actions.Contains(action))
            {
                actions.Add(action);
            }
        }

        return actions;
    }

    /// <summary>What an action's Description must carry for <see cref="ActionMapper"/> to perform it.</summary>
    private enum DescriptionNeed
    {
        None,
        QuotedValue,
        Keys,
        Url,
    }

    private static DescriptionNeed Need(string action) => action switch
    {
        StepActions.Type or StepActions.SelectOption => DescriptionNeed.QuotedValue,
        StepActions.KeyCombination => DescriptionNeed.Keys,
        StepActions.Goto => DescriptionNeed.Url,
        _ => DescriptionNeed.None,
    };

    /// <summary>Key names a keys step may quote (Playwright names), optionally after up to three modifiers.</summary>
    private static readonly string[] KeyNamesAllowed =
    [
        "Enter", "Tab", "Escape", "Backspace", "Delete", "Space", "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight",
        "PageUp", "PageDown", "Home", "End", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12",
    ];

    /// <summary>The description rules: free text; text with a quoted value; text with quoted keys; text with a URL. Each
    /// is a single line of at most <paramref name="maxChars"/> characters that does not start with a space.</summary>
    private static void AppendDescriptions(StringBuilder gbnf, int maxChars, bool plain, bool quoted, bool freeValue, bool keys, bool url, bool unquoted, bool answer, DescriptionVerbs? verbs)
    {
        static string Max(int n) => n.ToString(CultureInfo.InvariantCulture);
        var (lead, tail) = (LeadChars(maxChars), TailChars(maxChars, verbs));
        var value = ValueChars(maxChars, verbs);
        var freeChars = Math.Max(1, maxChars - lead - tail - 2);
        if (plain)
        {
            gbnf.Append(@"description ::= [^\x00-\x20]");
            if (maxChars > 1)
            {
                gbnf.Append(@" [^\x00-\x1F]{0,").Append(Max(maxChars - 1)).Append('}');
            }

            gbnf.Append('\n');
        }

        if (unquoted)
        {
            gbnf.Append(@"unquoted-description ::= [^\x00-\x20""\u201C\u201D]");
            if (maxChars > 1)
            {
                gbnf.Append(@" [^\x00-\x1F""\u201C\u201D]{0,").Append(Max(maxChars - 1)).Append('}');
            }

            gbnf.Append('\n');
        }

        if (quoted || keys || url)
        {
            // Text before the quoted part holds no quotes, so the quoted part is the first one the mapper reads.
            gbnf.Append("lead ::= ");
            // The mapper reads curly quotes as quotes too (DescriptionText), so neither holds any.
            gbnf.Append(lead > 0 ? $@"([^\x00-\x20""'\u201C\u201D\u2018\u2019] [^\x00-\x1F""'\u201C\u201D\u2018\u2019]{{0,{Max(lead - 1)}}})?" : "\"\"").Append('\n');
            gbnf.Append(tail > 0 ? $@"trail ::= [^\x00-\x1F""'\u201C\u201D\u2018\u2019]{{0,{Max(tail)}}}" : "trail ::= \"\"").Append('\n');
        }

        if (answer)
        {
            // A finish's answer is the one quoted part of its Description (ActionMapper reads it there).
            gbnf.Append("answer-description ::= ").Append(Lead(verbs, v => v.Answer)).Append(@" ""\"""" [^""\u201C\u201D\x00-\x1F]{1,").Append(Max(value)).Append(@"} ""\"""" trail").Append('\n');
        }

        if (freeValue)
        {
            gbnf.Append(@"quoted-description ::= lead ""\"""" [^""\u201C\u201D\x00-\x1F]{1,").Append(Max(freeChars)).Append(@"} ""\"""" trail").Append('\n');
        }

        if (keys)
        {
            gbnf.Append("keys-description ::= ").Append(Lead(verbs, v => v.Press)).Append(@" ""\"""" (modifier ""+""){0,3} key ""\"""" trail").Append('\n');
            gbnf.Append(@"modifier ::= ""Control"" | ""Shift"" | ""Alt"" | ""Meta""").Append('\n');
            gbnf.Append("key ::= ").AppendJoin(" | ", KeyNamesAllowed.Select(Literal)).Append(" | [A-Z0-9]\n");
        }

        if (url)
        {
            gbnf.Append(@"url-description ::= lead ""http"" ""s""? ""://"" [^\x00-\x20""'<>]{1,").Append(Max(Math.Max(1, value - 8))).Append("} trail\n");
        }
    }

    /// <summary>What comes before a Description's quoted part: <paramref name="verb"/> and a space when the grammar holds
    /// the model to verbs (<see cref="StepGrammarOptions.Verbs"/>), else the free <c>lead</c> rule.</summary>
    internal static string Lead(DescriptionVerbs? verbs, Func<DescriptionVerbs, string> verb) =>
        verbs is null ? "lead" : Literal(verb(verbs) + " ");

    /// <summary>Whether <paramref name="text"/> can be a Description's quoted part: no double quote (straight or
    /// curly, which the mapper reads as quotes) and no control character.</summary>
    internal static bool Quotable(string text) => !text.Any(c => c is '"' or '\u201C' or '\u201D' || char.IsControl(c));

    private static int LeadChars(int maxChars) => Math.Min(24, Math.Max(0, (maxChars - 3) / 4));

    /// <summary>The free text a Description may hold after its quoted part: none with verbs (the recorded form ends at
    /// the quote), else up to 12 characters.</summary>
    private static int TailChars(int maxChars, DescriptionVerbs? verbs) => verbs is null ? Math.Min(12, Math.Max(0, (maxChars - 3) / 8)) : 0;

    /// <summary>The longest quoted value a Description of <paramref name="maxChars"/> characters holds: after a free lead
    /// and before a trail, or with verbs after the longest verb (a quoted dispute description of 72 characters did not
    /// fit the free lead's reserve at the default budget, so the grammar could only type part of it).</summary>
    private static int ValueChars(int maxChars, DescriptionVerbs? verbs) => verbs is null
        ? Math.Max(1, maxChars - LeadChars(maxChars) - TailChars(maxChars, verbs) - 2)
        : Math.Max(1, maxChars - verbs.Longest - 1 - 2);

    private static string Choice(List<string> actions) =>
        actions.Count == 1 ? Literal(actions[0]) : "(" + string.Join(" | ", actions.Select(Literal)) + ")";

    private sealed class TrieNode
    {
        public SortedDictionary<char, TrieNode> Children { get; } = [];

        public int? Id { get; set; }
    }

    private static void AppendTrie(StringBuilder gbnf, SortedSet<int> ids, int repeat, string rule)
    {
        var root = new TrieNode();
        foreach (var id in ids)
        {
            var node = root;
            foreach (var digit in id.ToString(CultureInfo.InvariantCulture))
            {
                if (!node.Children.TryGetValue(digit, out var child))
                {
                    child = new TrieNode();
                    node.Children.Add(digit, child);
                }

                node = child;
            }

            node.Id = id;
        }

        // Breadth-first so rules appear roughly by prefix length; the root's rule is "node".
        var queue = new Queue<(string Name, string Prefix, TrieNode Node)>();
        queue.Enqueue((rule, "", root));
        while (queue.Count > 0)
        {
            var (name, prefix, node) = queue.Dequeue();
            var alternatives = new List<string>();
            if (node.Id is { } id)
            {
                alternatives.Add(Literal(Terminal(id, repeat)));
            }

            foreach (var (digit, first) in node.Children)
            {
                // Merge a chain of single children that are not ids themselves into one literal.
                var label = new StringBuilder().Append(digit);
                var child = first;
                while (child.Id is null && child.Children.Count == 1)
                {
                    var only = child.Children.First();
                    label.Append(only.Key);
                    child = only.Value;
                }

                var childPrefix = prefix + label;
                if (child.Children.Count == 0)
                {
                    alternatives.Add(Literal(label + Terminal(child.Id!.Value, repeat)));
                }
                else
                {
                    var childName = rule + "-" + childPrefix;
                    alternatives.Add(Literal(label.ToString()) + " " + childName);
                    queue.Enqueue((childName, childPrefix, child));
                }
            }

            gbnf.Append(name).Append(" ::= ").AppendJoin(" | ", alternatives).Append('\n');
        }
    }

    /// <summary>What follows a complete id: its remaining repeats and the end of the Node line.</summary>
    private static string Terminal(int id, int repeat)
    {
        var text = id.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        for (var i = 1; i < repeat; i++)
        {
            sb.Append(' ').Append(text);
        }

        return sb.Append('\n').ToString();
    }
}
