using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace ScribeActors.Browser;

/// <summary>
/// A <see cref="RangeAttribute"/> whose message names the setting by its configuration key and says what it got.
/// <see cref="ValidationAttribute.ErrorMessage"/> is a format: <c>{0}</c> the key (<see cref="Section"/>:member),
/// <c>{1}</c> the minimum, <c>{2}</c> the maximum, <c>{3}</c> the configured value.
/// </summary>
/// <remarks>A plain <see cref="RangeAttribute"/> would do, but the options validator generator replaces it with a copy
/// that ignores <see cref="ValidationAttribute.ErrorMessage"/> and names the member as <c>BrowserOptions.X</c>, not as the
/// setting an operator writes.</remarks>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SettingRangeAttribute : RangeAttribute
{
    /// <summary>A range of whole numbers.</summary>
    public SettingRangeAttribute(string section, int minimum, int maximum)
        : base(minimum, maximum) => Section = section;

    /// <summary>A range of <see cref="TimeSpan"/>s, written in the invariant culture (<c>d.hh:mm:ss.fff</c>).</summary>
    public SettingRangeAttribute(string section, string minimum, string maximum)
        : base(typeof(TimeSpan), minimum, maximum)
    {
        Section = section;
        ParseLimitsInInvariantCulture = true;
        ConvertValueInInvariantCulture = true;
    }

    /// <summary>The configuration section of the options class.</summary>
    public string Section { get; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (IsValid(value))
        {
            return ValidationResult.Success;
        }

        var member = validationContext.MemberName ?? validationContext.DisplayName;
        var message = string.Format(CultureInfo.InvariantCulture, ErrorMessageString, $"{Section}:{member}", Minimum, Maximum, value);
        return new ValidationResult(message, [member]);
    }
}
