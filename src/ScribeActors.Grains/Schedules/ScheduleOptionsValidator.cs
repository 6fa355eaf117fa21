using Microsoft.Extensions.Options;

namespace ScribeActors.Grains.Schedules;

/// <summary>Checks <see cref="ScheduleOptions"/> at start: its data annotations, in generated code.</summary>
[OptionsValidator]
internal sealed partial class ScheduleOptionsValidator : IValidateOptions<ScheduleOptions>
{
}
