namespace ScribeActors.Agent.Pruning;

/// <summary>A source element's tag name and cleaned attributes (sorted, without <c>node</c>).</summary>
internal readonly record struct SourceTag(string Tag, AttributeRange Attributes);
