using Microsoft.Extensions.Options;

namespace ScribeActors.Grains.Workflows;

/// <summary>Checks <see cref="WorkflowOptions"/> at start: its data annotations, in generated code.</summary>
[OptionsValidator]
internal sealed partial class WorkflowOptionsValidator : IValidateOptions<WorkflowOptions>
{
}
