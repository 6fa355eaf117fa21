using Microsoft.Extensions.Options;

namespace ScribeActors.Silo;

/// <summary>Checks <see cref="ScribeTelemetryOptions"/> at start: its data annotations, in generated code.</summary>
[OptionsValidator]
internal sealed partial class ScribeTelemetryOptionsValidator : IValidateOptions<ScribeTelemetryOptions>
{
}
