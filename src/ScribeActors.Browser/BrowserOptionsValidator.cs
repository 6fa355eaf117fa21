using Microsoft.Extensions.Options;

namespace ScribeActors.Browser;

/// <summary>Checks <see cref="BrowserOptions"/> when they are first used (and at host start): the data annotations and
/// <see cref="System.ComponentModel.DataAnnotations.IValidatableObject.Validate"/> of the options, in generated code.</summary>
[OptionsValidator]
internal sealed partial class BrowserOptionsValidator : IValidateOptions<BrowserOptions>
{
}
