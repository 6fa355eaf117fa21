using System.Globalization;
using System.Text;

namespace ScribeActors.Agent.Prompting;

public static partial class StepGrammar
{
    /// <summary>
    /// Appends rule <paramref name="rule"/> matching each key followed by its continuation (a GBNF fragment), as a
    /// character trie with chains of single children merged into one literal (<c>names ::= "Appro" names-1 | "New report"
    /// tail-3</c>): keys that share a prefix share its rule, so llama.cpp follows one path through the common part
    /// instead of one per key, and the grammar grows linearly with the keys' total length.
    /// </summary>
    private static void AppendStringTrie(StringBuilder gbnf, string rule, IEnumerable<(string Key, string Continuation)> keys)
    {
        var root = new StringTrieNode();
        foreach (var (key, continuation) in keys)
        {
            var node = root;
            foreach (var c in key)
            {
                if (!node.Children.TryGetValue(c, out var child))
                {
                    child = new StringTrieNode();
                    node.Children.Add(c, child);
                }

                node = child;
            }

            node.Continuation ??= continuation;
        }

        var next = 0;
        var queue = new Queue<(string Name, StringTrieNode Node)>();
        queue.Enqueue((rule, root));
        while (queue.Count > 0)
        {
            var (name, node) = queue.Dequeue();
            var alternatives = new List<string>();
            if (node.Continuation is { } end)
            {
                alternatives.Add(end);
            }

            foreach (var (c, first) in node.Children)
            {
                var label = new StringBuilder().Append(c);
                var child = first;
                while (child.Continuation is null && child.Children.Count == 1)
                {
                    var only = child.Children.First();
                    label.Append(only.Key);
                    child = only.Value;
                }

                if (child.Children.Count == 0)
                {
                    alternatives.Add($"{Literal(label.ToString())} {child.Continuation}");
                }
                else
                {
                    var childName = string.Create(CultureInfo.InvariantCulture, $"{rule}-{++next}");
                    alternatives.Add($"{Literal(label.ToString())} {childName}");
                    queue.Enqueue((childName, child));
                }
            }

            gbnf.Append(name).Append(" ::= ").AppendJoin(" | ", alternatives).Append('\n');
        }
    }

    private sealed class StringTrieNode
    {
        public SortedDictionary<char, StringTrieNode> Children { get; } = [];

        public string? Continuation { get; set; }
    }
}
