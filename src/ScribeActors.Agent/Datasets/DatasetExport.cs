using System.Globalization;
using System.Text;
using System.Text.Json;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Prompting;

namespace ScribeActors.Agent.Datasets;

/// <summary>
/// The two export formats, one text chunk per record so every chunk can be checked on its own:
/// <list type="bullet">
/// <item>chat JSONL, one <c>{"messages":[system, user, assistant]}</c> object per line, the reference's system line and
/// user message (§4) with the fitted observation and the 5-line label (node id five times) as the assistant turn: the
/// shape common fine-tuning tools read;</item>
/// <item>the reference's CSV layouts (§2.2): <c>train.csv</c>-style rows <c>workflow_id, action_id, Objective, url,
/// screenshot_exists, processed_dom, prev_steps, target</c> and <c>*_final.csv</c>-style rows <c>workflow_id, action_id,
/// chunk, target</c> (chunk = the user message after fitting). The reference's workflow ids were integers; here they
/// are the instance ids.</item>
/// </list>
/// </summary>
public static class DatasetExport
{
    /// <summary>The header of the processed CSV.</summary>
    public const string ReferenceHeader = "workflow_id,action_id,Objective,url,screenshot_exists,processed_dom,prev_steps,target\n";

    /// <summary>The header of the final (prompt) CSV.</summary>
    public const string FinalHeader = "workflow_id,action_id,chunk,target\n";

    /// <summary>The user message of a record, exactly as the planner builds it.</summary>
    public static string UserMessage(DatasetRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return ScribePrompt.UserMessage(record.Objective, record.Url, record.Observation, record.PreviousSteps);
    }

    /// <summary>The whole prompt text of a record in ChatML, as the model reads it before the label.</summary>
    public static string Prompt(DatasetRecord record) => ChatMl.Render(ScribePrompt.SystemLine, UserMessage(record));

    /// <summary>One chat JSONL line (with its newline).</summary>
    public static string ChatLine(DatasetRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = DatasetJson.Encoder }))
        {
            json.WriteStartObject();
            json.WriteStartArray("messages");
            Message(json, "system", ScribePrompt.SystemLine);
            Message(json, "user", UserMessage(record));
            Message(json, "assistant", record.Target);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>One row of the processed CSV (with its newline).</summary>
    public static string ReferenceRow(DatasetRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Row(record.Instance, record.Id, record.Objective, record.Url, "False", record.Pruned, ScribePrompt.History(record.PreviousSteps), record.Target);
    }

    /// <summary>One row of the final (prompt) CSV (with its newline).</summary>
    public static string FinalRow(DatasetRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Row(record.Instance, record.Id, UserMessage(record), record.Target);
    }

    /// <summary>A CSV field: quoted when it holds a comma, quote, CR or LF, quotes doubled (RFC 4180).</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string Row(params string[] fields) => string.Join(',', fields.Select(Field)) + "\n";

    private static void Message(Utf8JsonWriter json, string role, string content)
    {
        json.WriteStartObject();
        json.WriteString("role", role);
        json.WriteString("content", content);
        json.WriteEndObject();
    }

    /// <summary>Invariant formatting for numbers in text files.</summary>
    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
