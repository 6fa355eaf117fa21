using Microsoft.Extensions.Options;

namespace ScribeActors.Browser;

/// <summary>Checks <see cref="BrowserOptions"/> when they are first used (and at host start).</summary>
internal sealed class BrowserOptionsValidator : IValidateOptions<BrowserOptions>
{
    private const int MaxViewport = 16384;

    public ValidateOptionsResult Validate(string? name, BrowserOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ExecutablePath))
        {
            failures.Add($"{BrowserOptions.SectionName}:{nameof(BrowserOptions.ExecutablePath)} is empty: set it to the Chromium executable (for example /usr/bin/chromium).");
        }

        if (options.ActionTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{BrowserOptions.SectionName}:{nameof(BrowserOptions.ActionTimeout)} must be positive (got {options.ActionTimeout}).");
        }

        if (options.NavigationTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{BrowserOptions.SectionName}:{nameof(BrowserOptions.NavigationTimeout)} must be positive (got {options.NavigationTimeout}).");
        }

        if (options.ViewportWidth is <= 0 or > MaxViewport)
        {
            failures.Add($"{BrowserOptions.SectionName}:{nameof(BrowserOptions.ViewportWidth)} must be between 1 and {MaxViewport} (got {options.ViewportWidth}).");
        }

        if (options.ViewportHeight is <= 0 or > MaxViewport)
        {
            failures.Add($"{BrowserOptions.SectionName}:{nameof(BrowserOptions.ViewportHeight)} must be between 1 and {MaxViewport} (got {options.ViewportHeight}).");
        }

        if (options.MaxConcurrentOperations < 1)
        {
            failures.Add($"{BrowserOptions.SectionName}:{nameof(BrowserOptions.MaxConcurrentOperations)} must be at least 1 (got {options.MaxConcurrentOperations}).");
        }

        if (options.IdleSessionTimeout < TimeSpan.Zero)
        {
            failures.Add($"{BrowserOptions.SectionName}:{nameof(BrowserOptions.IdleSessionTimeout)} must not be negative (got {options.IdleSessionTimeout}); zero turns the sweep off.");
        }

        if (options.RecycleAfterContexts < 0)
        {
            failures.Add($"{BrowserOptions.SectionName}:{nameof(BrowserOptions.RecycleAfterContexts)} must not be negative (got {options.RecycleAfterContexts}); zero never recycles by count.");
        }

        if (options.RecycleAboveMemoryMB < 0)
        {
            failures.Add($"{BrowserOptions.SectionName}:{nameof(BrowserOptions.RecycleAboveMemoryMB)} must not be negative (got {options.RecycleAboveMemoryMB}); zero never recycles by memory.");
        }

        if (options.HousekeepingPeriod <= TimeSpan.Zero)
        {
            failures.Add($"{BrowserOptions.SectionName}:{nameof(BrowserOptions.HousekeepingPeriod)} must be positive (got {options.HousekeepingPeriod}).");
        }

        if (options.MaxObservationChars < 1)
        {
            failures.Add($"{BrowserOptions.SectionName}:{nameof(BrowserOptions.MaxObservationChars)} must be at least 1 (got {options.MaxObservationChars}).");
        }

        if (options.MaxObservationElements < 1)
        {
            failures.Add($"{BrowserOptions.SectionName}:{nameof(BrowserOptions.MaxObservationElements)} must be at least 1 (got {options.MaxObservationElements}).");
        }

        if (options.ExtraArgs is null)
        {
            failures.Add($"{BrowserOptions.SectionName}:{nameof(BrowserOptions.ExtraArgs)} must not be null.");
        }
        else
        {
            for (var i = 0; i < options.ExtraArgs.Length; i++)
            {
                if (string.IsNullOrWhiteSpace(options.ExtraArgs[i]))
                {
                    failures.Add($"{BrowserOptions.SectionName}:{nameof(BrowserOptions.ExtraArgs)}:{i} is empty.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
