using System.Text;
using System.Text.Json;
using ScribeActors.Agent.Datasets;

namespace ScribeActors.Agent.Tests.Datasets;

public sealed class SecretScanTests
{
    private static readonly SecretScan Scan = new(new Dictionary<string, string> { ["pw"] = "p\"w<&>é-9", ["other"] = "nothing-here" });

    [Theory]
    [InlineData("raw")]
    [InlineData("json")]
    [InlineData("json-relaxed")]
    [InlineData("html")]
    [InlineData("csv")]
    public void Find_ValueInAnyWrittenForm_NamesTheSecret(string form)
    {
        const string value = "p\"w<&>é-9";
        var text = form switch
        {
            "raw" => value,
            "json" => JsonSerializer.Serialize(new { v = value }),
            "json-relaxed" => JsonSerializer.Serialize(new { v = value }, DatasetJson.Compact),
            "html" => System.Net.WebUtility.HtmlEncode(value),
            _ => DatasetExport.Field(value),
        };

        Assert.Equal("pw", Scan.Find(Encoding.UTF8.GetBytes($"before {text} after")));
    }

    [Fact]
    public void Find_TextWithoutValues_Null() => Assert.Null(Scan.Find("p\"w<&>é-8 and {{secret:pw}}"u8.ToArray()));

    [Fact]
    public void Check_Leak_MessageNamesPlaceAndSecretNotValue()
    {
        var error = Assert.Throws<SecretLeakException>(() => Scan.Check("x nothing-here y", "Record t/1/2"));

        Assert.StartsWith("Record t/1/2 would carry the value of the secret 'other'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("nothing-here", error.Message, StringComparison.Ordinal);
    }
}
