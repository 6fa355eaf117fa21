using System.Text.Json;
using Microsoft.Playwright;

namespace ScribeActors.Browser;

/// <summary>Checkpoints: cookies and the local storage of every origin the session has loaded.</summary>
internal sealed partial class PlaywrightBrowserSession
{
    private readonly HashSet<string> _loadedOrigins = new(StringComparer.Ordinal);
    private string? _lastPageOrigin;

    public async Task<BrowserCheckpoint> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var url = _page.Url;
            var pageOrigin = StorageStateSnapshot.OriginOf(url);
            var elsewhere = OriginsToVisit(pageOrigin);
            var cookies = _context.CookiesAsync();
            var storage = pageOrigin is null ? Task.FromResult<(string, List<KeyValuePair<string, string>>)?>(null) : ReadPageStorageAsync(cancellationToken);

            // Another origin had a page or frame open since the last checkpoint (a sign-in on an identity provider, a
            // widget): Playwright reads first-party storage of every origin it has seen, visiting those not open.
            var full = elsewhere.Count > 0 ? _context.StorageStateAsync() : Task.FromResult("");
            await Task.WhenAll(cookies, storage, full);
            if (elsewhere.Count > 0)
            {
                _storage.Merge(full.Result, elsewhere);
            }

            if (storage.Result is var (origin, items))
            {
                _storage.SetLocalStorage(origin, items);
            }

            lock (_loadedOrigins)
            {
                _loadedOrigins.ExceptWith(elsewhere); // read now; a checkpoint that failed leaves them for the next one
            }

            _lastPageOrigin = pageOrigin;
            return new BrowserCheckpoint(_secrets.Mask(url), _storage.ToJson(cookies.Result));
        }
        catch (PlaywrightException ex) when (PlaywrightErrors.IsClosed(ex))
        {
            throw Unavailable(ex);
        }
    }

    /// <summary>Origins other than the page's own whose local storage may have changed since the last checkpoint: the
    /// page's origin then, and the origin of every document loaded since or open now in a frame.</summary>
    private HashSet<string> OriginsToVisit(string? pageOrigin)
    {
        var origins = new HashSet<string>(StringComparer.Ordinal);
        lock (_loadedOrigins)
        {
            origins.UnionWith(_loadedOrigins);
            if (pageOrigin is not null)
            {
                _loadedOrigins.Remove(pageOrigin); // read in the page below
            }
        }

        if (_lastPageOrigin is not null)
        {
            origins.Add(_lastPageOrigin);
        }

        foreach (var frame in _page.Frames)
        {
            if (StorageStateSnapshot.OriginOf(frame.Url) is { } origin)
            {
                origins.Add(origin);
            }
        }

        if (pageOrigin is not null)
        {
            origins.Remove(pageOrigin);
        }

        return origins;
    }

    /// <summary>Reads the main frame's origin and local storage in the page. A navigation that replaces the document
    /// meanwhile leaves the origin at its previous reading (the next checkpoint reads it).</summary>
    private async Task<(string Origin, List<KeyValuePair<string, string>> Items)?> ReadPageStorageAsync(CancellationToken cancellationToken)
    {
        JsonElement reading;
        try
        {
            reading = await Bounded(EvaluateInPageAsync(_devTools, BrowserScripts.LocalStorage, ""), _options.ActionTimeout, $"Reading local storage of {Url}", cancellationToken);
        }
        catch (PlaywrightException ex) when (PlaywrightErrors.IsNavigationRace(ex))
        {
            return null;
        }

        var origin = reading.GetProperty("origin").GetString();
        if (StorageStateSnapshot.OriginOf(origin) is null || reading.GetProperty("items").ValueKind != JsonValueKind.Array)
        {
            return null; // an opaque origin, or storage the page may not read
        }

        var items = reading.GetProperty("items").EnumerateArray()
            .Select(i => new KeyValuePair<string, string>(i[0].GetString() ?? "", i[1].GetString() ?? ""))
            .ToList();
        return (origin!, items);
    }
}
