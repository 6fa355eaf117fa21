using Microsoft.Extensions.Options;

namespace ScribeActors.Silo;

/// <summary>Checks <see cref="ScribeSiloOptions"/> at start: its data annotations, in generated code.</summary>
[OptionsValidator]
internal sealed partial class ScribeSiloOptionsValidator : IValidateOptions<ScribeSiloOptions>
{
}
