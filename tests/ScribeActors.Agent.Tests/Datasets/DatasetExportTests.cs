using System.Text.Json;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Datasets;
using ScribeActors.Agent.Prompting;

namespace ScribeActors.Agent.Tests.Datasets;

public sealed class DatasetExportTests
{
    [Fact]
    public void ChatLine_Record_SystemUserAssistantAsThePlannerPromptsAndTheLabel()
    {
        var record = DatasetSamples.Records()[2];

        var line = DatasetExport.ChatLine(record);

        Assert.EndsWith("}\n", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line[..^1]);
        var messages = JsonDocument.Parse(line).RootElement.GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal(["system", "user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(ScribePrompt.SystemLine, messages[0].GetProperty("content").GetString());
        Assert.Equal(ScribePrompt.UserMessage(record.Objective, record.Url, record.Observation, record.PreviousSteps), messages[1].GetProperty("content").GetString());
        Assert.Equal(record.Target, messages[2].GetProperty("content").GetString());
        Assert.Contains("<button", line, StringComparison.Ordinal);
        Assert.Equal(ChatMl.Render(ScribePrompt.SystemLine, messages[1].GetProperty("content").GetString()!), DatasetExport.Prompt(record));
    }

    [Fact]
    public void ReferenceRow_Record_EightColumnsInTheReferenceOrder()
    {
        var record = DatasetSamples.Records()[2];

        var fields = Csv(DatasetExport.ReferenceHeader + DatasetExport.ReferenceRow(record));

        Assert.Equal(["workflow_id", "action_id", "Objective", "url", "screenshot_exists", "processed_dom", "prev_steps", "target"], fields[0]);
        Assert.Equal([record.Instance, record.Id, record.Objective, record.Url, "False", record.Pruned, ScribePrompt.History(record.PreviousSteps), record.Target], fields[1]);
    }

    [Fact]
    public void FinalRow_Record_ChunkIsTheUserMessage()
    {
        var record = DatasetSamples.Records()[1];

        var fields = Csv(DatasetExport.FinalHeader + DatasetExport.FinalRow(record));

        Assert.Equal(["workflow_id", "action_id", "chunk", "target"], fields[0]);
        Assert.Equal([record.Instance, record.Id, DatasetExport.UserMessage(record), record.Target], fields[1]);
    }

    /// <summary>An RFC 4180 reader: quoted fields may hold commas, quotes (doubled) and newlines.</summary>
    private static List<string[]> Csv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); }
            else { field.Append(c); }
        }

        return rows;
    }
}
