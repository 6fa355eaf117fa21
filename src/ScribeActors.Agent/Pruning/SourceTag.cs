namespace ScribeActors.Agent.Pruning;

/// <summary>A source element's tag name, cleaned attributes (sorted, without <c>node</c>), what a step may do to it and
/// the form of text it takes.</summary>
internal readonly record struct SourceTag(string Tag, AttributeRange Attributes, ElementActions Actions, FieldFormat Format = FieldFormat.Text);
