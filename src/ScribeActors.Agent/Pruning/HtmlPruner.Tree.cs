namespace ScribeActors.Agent.Pruning;

public static partial class HtmlPruner
{
    /// <summary>
    /// The output tree as flat arrays in pre-order (an element, then its subtree): kept elements and texts, each with the
    /// index of its parent element (<see cref="Root"/> for the document). A 10 MB page has several hundred thousand
    /// nodes; a few large arrays instead of an object and a child list per node keep the garbage collector out of the
    /// pruner's time.
    /// </summary>
    private sealed class OutputTree
    {
        private const int ChunkBits = 14;
        private const int ChunkSize = 1 << ChunkBits;

        /// <summary>The parent index of a top-level node.</summary>
        public const int Root = -1;

        /// <summary>The output of a node inside a deleted script or style: nothing.</summary>
        public const int Deleted = -2;

        // Fixed-size chunks: growing never copies, and no chunk is large enough for the large-object heap.
        private readonly List<Node[]> _chunks = [];

        public int Count { get; private set; }

        /// <summary>Live (non-empty) nodes, after <see cref="MarkLive"/>.</summary>
        public int LiveCount { get; private set; }

        public ref Node this[int index] => ref _chunks[index >> ChunkBits][index & (ChunkSize - 1)];

        public void AddText(int parent, string text) => Add(new Node { Parent = parent, Text = text, RawId = -1, Id = -1 });

        public int AddElement(int parent, string tag, AttributeRange attributes, int rawId, int pre) =>
            Add(new Node { Parent = parent, Tag = tag, Attributes = attributes, RawId = rawId, Pre = pre, Id = -1 });

        /// <summary>
        /// Node ids of the kept elements: assigned by the reference rule (the document is element <paramref name="total"/>
        /// - 1 in pre-order numbering, ids reversed), or the source's own, each only for the first kept element with it.
        /// </summary>
        public void AssignIds(bool idsAssigned, int total)
        {
            var seen = idsAssigned ? null : new HashSet<int>(Count);
            for (var i = 0; i < Count; i++)
            {
                ref var node = ref this[i];
                if (node.Tag is null)
                {
                    continue;
                }

                var id = idsAssigned ? total - 1 - node.Pre : node.RawId;
                node.Id = id >= 0 && (seen is null || seen.Add(id)) ? id : -1;
            }
        }

        /// <summary>
        /// §3.1 step 9: an element left with no children once empty ones are gone, not in the keep-empty set and without a
        /// title, alt, aria-label or style is removed; white-space-only texts are removed. Backwards over the pre-order,
        /// every child is decided before its parent.
        /// </summary>
        public void MarkLive(AttributePool attributes, System.Collections.Frozen.FrozenSet<string> noDropTags)
        {
            var live = 0;
            for (var i = Count - 1; i >= 0; i--)
            {
                ref var node = ref this[i];
                node.Live = node.Tag is null
                    ? !IsWhiteSpaceOnly(node.Text!)
                    : node.LiveChildren > 0 || noDropTags.Contains(node.Tag) || HasKeepAttribute(attributes[node.Attributes]);
                if (node.Live)
                {
                    live++;
                    if (node.Parent >= 0)
                    {
                        this[node.Parent].LiveChildren++;
                    }
                }
            }

            LiveCount = live;
        }

        private int Add(Node node)
        {
            if (Count == _chunks.Count * ChunkSize)
            {
                _chunks.Add(new Node[ChunkSize]);
            }

            this[Count] = node;
            return Count++;
        }

        /// <summary>An element (Tag set) or a text (Text set).</summary>
        public struct Node
        {
            public int Parent;
            public string? Tag;
            public string? Text;
            public AttributeRange Attributes;
            public int RawId;
            public int Pre;
            public int Id;
            public int LiveChildren;
            public bool Live;
        }
    }
}
