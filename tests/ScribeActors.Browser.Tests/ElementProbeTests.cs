using System.Text.Json;

namespace ScribeActors.Browser.Tests;

/// <summary>Reading the action probe's result (Scripts/probe.js) into its record, once.</summary>
public sealed class ElementProbeTests
{
    [Theory]
    [InlineData("""{ "state": "stale" }""")]
    [InlineData("""{ "state": "missing" }""")]
    public void Parse_ElementNotInTheObservedDocument_IsGone(string json)
    {
        Assert.Same(ElementProbe.Gone, ElementProbe.Parse(Json(json)));
    }

    [Fact]
    public void Parse_Element_ReadsItsState()
    {
        var probe = ElementProbe.Parse(Json("""
            { "state": "ok", "tag": "input", "type": "email", "visible": true, "disabled": false, "fillable": true, "readOnly": true }
            """));

        Assert.Equal(new ElementProbe { Attached = true, Tag = "input", Type = "email", Visible = true, Fillable = true, ReadOnly = true }, probe);
        Assert.Equal("<input type=email>", probe.Describe());
    }

    [Fact]
    public void Parse_Select_ReadsItsOptionsInOrder()
    {
        var probe = ElementProbe.Parse(Json("""
            { "state": "ok", "tag": "select", "type": "", "visible": true, "disabled": true, "fillable": false, "readOnly": false,
              "options": [["Red", "r"], ["Green", "g"]] }
            """));

        Assert.Equal([new SelectOption("Red", "r"), new SelectOption("Green", "g")], probe.Options);
        Assert.True(probe.Disabled);
        Assert.Equal("<select>", probe.Describe());
    }

    [Fact]
    public void Parse_OptionOfASelect_ReadsItsIndexAndSelect()
    {
        var probe = ElementProbe.Parse(Json("""
            { "state": "ok", "tag": "option", "type": "", "visible": false, "disabled": false, "fillable": false, "readOnly": false,
              "optionIndex": 2, "selectNode": "14", "selectDisabled": true }
            """));

        Assert.Equal((2, 14, true), (probe.OptionIndex, probe.SelectNode, probe.SelectDisabled));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"x1\"")]
    public void Parse_OptionOutsideASelect_HasNoSelect(string selectNode)
    {
        var probe = ElementProbe.Parse(Json($$"""
            { "state": "ok", "tag": "option", "type": "", "visible": true, "disabled": false, "fillable": false, "readOnly": false,
              "optionIndex": 0, "selectNode": {{selectNode}}, "selectDisabled": true }
            """));

        Assert.Null(probe.SelectNode);
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
