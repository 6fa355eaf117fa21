using System.Reflection;

namespace ScribeActors.Browser;

/// <summary>The JavaScript sources embedded from <c>Scripts/*.js</c>.</summary>
internal static class BrowserScripts
{
    /// <summary>Numbers, marks and serialises the document (argument: observation id).</summary>
    public static string Capture { get; } = Load("capture.js");

    /// <summary>Describes an action's target element (locator evaluate-all; argument: observation id).</summary>
    public static string Probe { get; } = Load("probe.js");

    /// <summary>Reads the frame's origin and local storage (<c>{ origin, items: [[name, value], ...] | null }</c>).</summary>
    public static string LocalStorage { get; } = Load("local-storage.js");

    /// <summary>Init script that keeps a session on one page (target=_blank and window.open load in the top frame).</summary>
    public static string SinglePage { get; } = Load("single-page.js");

    private static string Load(string fileName)
    {
        var assembly = typeof(BrowserScripts).Assembly;
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Embedded script {fileName} is missing from {assembly.GetName().Name}.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
