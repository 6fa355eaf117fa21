using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ScribeActors.Browser;

/// <summary>
/// A session's storage state in Playwright's JSON format (<c>{"cookies": [...], "origins": [{"origin", "localStorage":
/// [{"name", "value"}]}]}</c>), which <see cref="IBrowser.NewContextAsync"/> takes back.
/// </summary>
/// <remarks>
/// Built from the context's cookies and the local storage read from the page, instead of
/// <see cref="IBrowserContext.StorageStateAsync"/>: that call evaluates a collector script in Playwright's utility
/// world, and when the page has none yet (right after a navigation) it opens a blank page and visits every origin the
/// context ever saw, which made a checkpoint after each action several times slower than the action's own work.
/// Here the page's own origin is read in the page; Playwright's full reading is used only when another origin had a
/// document open since the last checkpoint, since only such a document can have changed that origin's storage. The
/// storage of every other origin keeps its last reading.
/// </remarks>
internal sealed class StorageStateSnapshot
{
    // Origin → local storage items in storage order; ordinal comparison, as origins are compared by the browser.
    private readonly Dictionary<string, List<KeyValuePair<string, string>>> _origins = new(StringComparer.Ordinal);

    /// <summary>Starts from the storage state a session was opened with (<see langword="null"/>: nothing stored).</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static StorageStateSnapshot Parse(string? json)
    {
        var snapshot = new StorageStateSnapshot();
        if (string.IsNullOrWhiteSpace(json) || JsonNode.Parse(json) is not JsonObject root || root["origins"] is not JsonArray origins)
        {
            return snapshot;
        }

        foreach (var entry in origins.OfType<JsonObject>())
        {
            if (entry["origin"]?.GetValue<string>() is not { Length: > 0 } origin || entry["localStorage"] is not JsonArray items)
            {
                continue;
            }

            snapshot._origins[origin] = [.. items.OfType<JsonObject>()
                .Where(i => i["name"] is not null)
                .Select(i => new KeyValuePair<string, string>(i["name"]!.GetValue<string>(), i["value"]?.GetValue<string>() ?? ""))];
        }

        return snapshot;
    }

    /// <summary>The origins with local storage, for tests and diagnostics.</summary>
    public IReadOnlyCollection<string> Origins => _origins.Keys;

    /// <summary>Replaces what is known of <paramref name="origin"/>'s local storage with a fresh reading.</summary>
    public void SetLocalStorage(string origin, IEnumerable<KeyValuePair<string, string>> items) => _origins[origin] = [.. items];

    /// <summary>Takes the local storage of <paramref name="visited"/> origins from a storage state Playwright produced; a
    /// visited origin it leaves out has nothing stored (Playwright omits empty origins).</summary>
    public void Merge(string playwrightStorageState, IEnumerable<string> visited)
    {
        var fresh = Parse(playwrightStorageState);
        foreach (var origin in visited)
        {
            _origins[origin] = fresh._origins.TryGetValue(origin, out var items) ? items : [];
        }
    }

    /// <summary>The storage state with <paramref name="cookies"/> and every origin's latest local storage.</summary>
    public string ToJson(IEnumerable<BrowserContextCookiesResult> cookies)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("cookies");
            foreach (var cookie in cookies)
            {
                json.WriteStartObject();
                json.WriteString("name", cookie.Name);
                json.WriteString("value", cookie.Value);
                json.WriteString("domain", cookie.Domain);
                json.WriteString("path", cookie.Path);
                // Playwright's .NET API hands expiry over as a float (about two minutes of resolution at today's epoch
                // seconds); -1 marks a session cookie.
                json.WriteNumber("expires", cookie.Expires);
                json.WriteBoolean("httpOnly", cookie.HttpOnly);
                json.WriteBoolean("secure", cookie.Secure);
                json.WriteString("sameSite", cookie.SameSite.ToString());
                if (cookie.PartitionKey is { } partition)
                {
                    json.WriteString("partitionKey", partition);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("origins");
            foreach (var (origin, items) in _origins.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                if (items.Count == 0)
                {
                    continue;
                }

                json.WriteStartObject();
                json.WriteString("origin", origin);
                json.WriteStartArray("localStorage");
                foreach (var (name, value) in items)
                {
                    json.WriteStartObject();
                    json.WriteString("name", name);
                    json.WriteString("value", value);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The origin (<c>scheme://host[:port]</c>) of an http(s) URL, or <see langword="null"/> for any other URL
    /// (about:blank, data:, chrome-error:), whose storage is not kept.</summary>
    public static string? OriginOf(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        return uri.IsDefaultPort
            ? $"{uri.Scheme}://{uri.Host}"
            : $"{uri.Scheme}://{uri.Host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}";
    }
}
