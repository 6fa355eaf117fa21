namespace ScribeActors.Agent.Pruning;

/// <summary>A source element's tag name, cleaned attributes (sorted, without <c>node</c>) and what a step may do to it.</summary>
internal readonly record struct SourceTag(string Tag, AttributeRange Attributes, ElementActions Actions);
