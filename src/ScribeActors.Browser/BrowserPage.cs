using Microsoft.Playwright;

namespace ScribeActors.Browser;

/// <summary>A browser context with its one page and the page's DevTools session, ready for a session: timeouts set and
/// the page scripts installed, nothing loaded yet.</summary>
/// <param name="Browser">The Chromium it belongs to (a page of an earlier, recycled one is never used).</param>
/// <param name="Context">The context (cookies and storage of its own).</param>
/// <param name="Page">Its page, still blank.</param>
/// <param name="DevTools">The page's DevTools session.</param>
internal sealed record BrowserPage(IBrowser Browser, IBrowserContext Context, IPage Page, ICDPSession DevTools);
