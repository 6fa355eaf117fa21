using Microsoft.Extensions.Options;

namespace ScribeActors.Browser.Secrets;

/// <summary>Checks <see cref="SecretsOptions"/> at start (generated: it runs the options'
/// <see cref="System.ComponentModel.DataAnnotations.IValidatableObject.Validate"/>); messages name settings, never values.</summary>
[OptionsValidator]
internal sealed partial class SecretsOptionsValidator : IValidateOptions<SecretsOptions>
{
}
