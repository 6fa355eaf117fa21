using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ScribeActors.Silo.Api;

/// <summary>
/// Reads a JSON request body, answering every problem with RFC 9457 problem details that say where and why: a missing
/// or non-JSON content type (415), an empty body, malformed JSON (with line and position), required fields that are
/// absent (each keyed by its JSON path), and values of the wrong type or null where null is not allowed (keyed by path).
/// </summary>
public static partial class JsonBody
{
    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> StrictOptions = [];

    /// <summary>Reads the body as <typeparamref name="T"/>; exactly one of the results is non-null.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, string what)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Results.Problem(
                $"Send {what} as JSON with the header 'Content-Type: application/json' (got '{request.ContentType ?? "no content type"}').",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type"));
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var options = Strict(request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = options.AllowTrailingCommas, CommentHandling = options.ReadCommentHandling });
        }
        catch (JsonException e)
        {
            return (null, Invalid(what, e, bytes.Span.Trim(" \t\r\n"u8).IsEmpty ? $"The request body is empty: send {what} as a JSON object." : null));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Validation($"The body must be {what} as a JSON object, not a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.",
                    new() { ["$"] = [$"Expected a JSON object, got {document.RootElement.ValueKind.ToString().ToLowerInvariant()}."] }));
            }

            var missing = new Dictionary<string, string[]>(StringComparer.Ordinal);
            FindMissing(document.RootElement, options.GetTypeInfo(typeof(T)), "", missing, options);
            if (missing.Count > 0)
            {
                return (null, Validation($"{Capitalized(what)} lacks required field(s): {string.Join(", ", missing.Keys)}.", missing));
            }
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes.Span, options);
            return value is null
                ? (null, Validation($"The body must be {what} as a JSON object, not null.", new() { ["$"] = ["Expected a JSON object, got null."] }))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Invalid(what, e, null));
        }
    }

    /// <summary>The app's JSON options, but refusing null where the contract's nullable annotations do not allow it.</summary>
    private static JsonSerializerOptions Strict(JsonSerializerOptions options) =>
        StrictOptions.GetValue(options, o => new JsonSerializerOptions(o) { RespectNullableAnnotations = true });

    private static IResult Invalid(string what, JsonException e, string? emptyBody)
    {
        if (emptyBody is not null)
        {
            return Validation(emptyBody, new() { ["$"] = [emptyBody] });
        }

        var key = e.Path is { Length: > 1 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : e.Path ?? "$";
        var where = e.LineNumber is { } line ? $"line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}" : null;
        var reason = Reason(e.Message, key);
        var detail = e.Path is { Length: > 1 }
            ? $"{Capitalized(what)} has an invalid value at {e.Path}{(where is null ? "" : $" ({where})")}: {reason}"
            : $"{Capitalized(what)} is not valid JSON{(where is null ? "" : $" at {where}")}: {reason}";
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["path"] = e.Path ?? "$" };
        if (e.LineNumber is { } l)
        {
            extensions["line"] = l + 1;
            extensions["position"] = (e.BytePositionInLine ?? 0) + 1;
        }

        return Results.ValidationProblem(new Dictionary<string, string[]> { [key] = [where is null ? reason : $"{reason} ({where})"] }, detail, extensions: extensions);
    }

    /// <summary>The serializer's message in the caller's terms: the expected kind of value instead of a .NET type name,
    /// the allowed names of an enum, "must not be null" instead of advice about nullability annotations.</summary>
    private static string Reason(string message, string field)
    {
        message = PositionSuffix().Replace(message, "").Trim();
        if (NullNotAllowed().IsMatch(message))
        {
            return $"'{field}' must not be null.";
        }

        var conversion = ConversionFailure().Match(message);
        if (!conversion.Success)
        {
            return message;
        }

        var typeName = conversion.Groups["type"].Value.TrimEnd('.');
        var type = Type.GetType(typeName) ?? typeof(Abstractions.WorkflowSpec).Assembly.GetType(typeName);
        var expected = type switch
        {
            { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type)),
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "an integer",
            _ when type == typeof(float) || type == typeof(double) || type == typeof(decimal) => "a number",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(string) => "a string",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "an ISO 8601 date and time",
            _ when type == typeof(TimeSpan) => "a duration such as \"00:05:00\"",
            _ when type is not null && type.IsArray => "an array",
            _ => $"a {type?.Name ?? typeName}",
        };
        return $"'{field}' must be {expected}.";
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static IResult Validation(string detail, Dictionary<string, string[]> errors) => Results.ValidationProblem(errors, detail);

    /// <summary>Records every required property of <paramref name="info"/> that <paramref name="element"/> lacks, recursing
    /// into nested objects and arrays of objects, keyed by JSON path (<c>stepSource.replay.steps[2].index</c>).</summary>
    private static void FindMissing(JsonElement element, JsonTypeInfo info, string path, Dictionary<string, string[]> missing, JsonSerializerOptions options)
    {
        if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } itemType && element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                FindMissing(item, options.GetTypeInfo(itemType), $"{path}[{index++}]", missing, options);
            }

            return;
        }

        if (info.Kind != JsonTypeInfoKind.Object || element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            var childPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (!TryGetProperty(element, property.Name, options.PropertyNameCaseInsensitive, out var child))
            {
                if (property.IsRequired)
                {
                    missing[childPath] = [$"The field '{property.Name}' is required."];
                }

                continue;
            }

            FindMissing(child, options.GetTypeInfo(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType), childPath, missing, options);
        }
    }

    private static bool TryGetProperty(JsonElement element, string name, bool caseInsensitive, out JsonElement value)
    {
        foreach (var candidate in element.EnumerateObject())
        {
            if (string.Equals(candidate.Name, name, caseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                value = candidate.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    [GeneratedRegex(@"\s*(Path: \S*\s*\|?\s*)?(LineNumber: \d+ \| BytePositionInLine: \d+\.?)?$")]
    private static partial Regex PositionSuffix();

    [GeneratedRegex(@"doesn't allow (setting|getting) null values")]
    private static partial Regex NullNotAllowed();

    [GeneratedRegex(@"could not be converted to (?<type>[\w.+`]+)")]
    private static partial Regex ConversionFailure();
}
