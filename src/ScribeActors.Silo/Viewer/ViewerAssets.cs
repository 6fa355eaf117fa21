using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace ScribeActors.Silo.Viewer;

/// <summary>The viewer's scripts and stylesheet, embedded in this assembly (<c>Viewer/Assets</c>) and served from memory.
/// No framework and nothing from another host: the silo may run where only loopback is reachable.</summary>
public static class ViewerAssets
{
    private static readonly FrozenDictionary<string, (byte[] Bytes, string ContentType)> Files = Load();

    /// <summary>Answers the asset <paramref name="name"/>, or 404.</summary>
    public static async Task ServeAsync(string name, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!Files.TryGetValue(name, out var file))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        http.Response.ContentType = file.ContentType;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-cache"; // revalidated, so a new silo version's scripts are picked up
        await http.Response.Body.WriteAsync(file.Bytes, http.RequestAborted);
    }

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(ViewerAssets).Assembly;
        const string prefix = "viewer/";
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[prefix.Length..];
            var type = name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            files[name] = (copy.ToArray(), type);
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
