namespace ScribeActors.Agent.Import;

/// <summary>A node of a page as the reference parsed it (<see cref="ReferenceHtmlParser"/>).</summary>
public abstract class ReferenceNode
{
    /// <summary>The element this node is a child of; <see langword="null"/> at the top of the document.</summary>
    public ReferenceElement? Parent { get; internal set; }
}

/// <summary>Text, entities decoded (inside <c>script</c> and <c>style</c>: raw).</summary>
/// <param name="text">The text.</param>
public sealed class ReferenceText(string text) : ReferenceNode
{
    /// <summary>The text.</summary>
    public string Text { get; } = text;
}

/// <summary>A comment.</summary>
/// <param name="text">What is between <c>&lt;!--</c> and <c>--&gt;</c>.</param>
public sealed class ReferenceComment(string text) : ReferenceNode
{
    /// <summary>The comment's text.</summary>
    public string Text { get; } = text;
}

/// <summary>An element: lower-case name, attributes in source order (a repeated name keeps its first place and its last
/// value, as the reference's tree builder does), children.</summary>
public sealed class ReferenceElement : ReferenceNode
{
    private readonly List<KeyValuePair<string, string>> _attributes;
    private readonly List<ReferenceNode> _children = [];

    internal ReferenceElement(string name, List<KeyValuePair<string, string>> attributes, bool selfClosed)
    {
        Name = name;
        _attributes = attributes;
        SelfClosed = selfClosed;
    }

    /// <summary>The tag name, lower case.</summary>
    public string Name { get; }

    /// <summary>Whether the source wrote the element as <c>&lt;name … /&gt;</c> (closed at once, whatever the element).</summary>
    public bool SelfClosed { get; }

    /// <summary>The attributes; a value-less attribute has the value <c>""</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Attributes => _attributes;

    /// <summary>The children, in source order.</summary>
    public IReadOnlyList<ReferenceNode> Children => _children;

    /// <summary>The value of attribute <paramref name="name"/> (lower case), or <see langword="null"/>.</summary>
    public string? GetAttribute(string name)
    {
        foreach (var (key, value) in _attributes)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The element children, in source order.</summary>
    public IEnumerable<ReferenceElement> Elements => _children.OfType<ReferenceElement>();

    /// <summary>This element and every element below it, in document (pre-order) order.</summary>
    public IEnumerable<ReferenceElement> DescendantsAndSelf()
    {
        var stack = new Stack<ReferenceElement>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            yield return element;
            for (var i = element._children.Count - 1; i >= 0; i--)
            {
                if (element._children[i] is ReferenceElement child)
                {
                    stack.Push(child);
                }
            }
        }
    }

    /// <summary>Whether <paramref name="ancestor"/> is above this element.</summary>
    public bool IsInside(ReferenceElement ancestor)
    {
        for (var parent = Parent; parent is not null; parent = parent.Parent)
        {
            if (parent == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sets attribute <paramref name="name"/>: in its place when present, else after the others.</summary>
    public void SetAttribute(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        var index = _attributes.FindIndex(a => a.Key == name);
        if (index >= 0)
        {
            _attributes[index] = new(name, value);
        }
        else
        {
            _attributes.Add(new(name, value));
        }
    }

    internal void Append(ReferenceNode node)
    {
        node.Parent = this;
        _children.Add(node);
    }
}
