using Microsoft.Playwright;
using ScribeActors.Browser;

namespace ScribeActors.Bench;

/// <summary>Chromium for the benchmarks' own contexts (the bare script, the navigation guards), launched as the
/// silo's browser host launches it.</summary>
internal static class BenchBrowser
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = new BrowserOptions().ExecutablePath,
        Headless = true,
        Args = PlaywrightBrowserHost.BaseArgs,
    });
}
