using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Pruning;

public class ElementActionsTests
{
    private const ElementActions Click = ElementActions.Click;
    private const ElementActions ClickType = ElementActions.Click | ElementActions.Type;

    [Theory]
    [InlineData("<input node=\"1\" type=\"password\">", ClickType)]
    [InlineData("<input node=\"1\">", ClickType)]
    [InlineData("<input node=\"1\" type=\"EMAIL\">", ClickType)]
    [InlineData("<input node=\"1\" type=\"checkbox\">", Click)]
    [InlineData("<input node=\"1\" type=\"submit\">", Click)]
    [InlineData("<input node=\"1\" type=\"text\" readonly>", Click)]
    [InlineData("<textarea node=\"1\"></textarea>", ClickType)]
    [InlineData("<div node=\"1\" contenteditable=\"true\">x</div>", ClickType)]
    [InlineData("<div node=\"1\" contenteditable=\"false\">x</div>", Click)]
    [InlineData("<select node=\"1\"><option>a</option></select>", ElementActions.Click | ElementActions.Select)]
    [InlineData("<a node=\"1\" href=\"/x\">x</a>", Click)]
    [InlineData("<summary node=\"1\">x</summary>", Click)]
    [InlineData("<span node=\"1\">x</span>", Click)]
    [InlineData("<input node=\"1\" type=\"hidden\" value=\"t\">", ElementActions.None)]
    [InlineData("<button node=\"1\" disabled>Pay</button>", ElementActions.None)]
    [InlineData("<select node=\"1\" disabled><option>a</option></select>", ElementActions.None)]
    [InlineData("<a node=\"1\" aria-disabled=\"true\">x</a>", ElementActions.None)]
    [InlineData("<select node=\"2\"><option node=\"1\">a</option></select>", ElementActions.None)]
    [InlineData("<div node=\"2\" data-scribe-hidden=\"\"><button node=\"1\">x</button></div>", ElementActions.None)]
    [InlineData("<dialog node=\"2\"><button node=\"1\">x</button></dialog>", ElementActions.None)]
    [InlineData("<details node=\"2\"><p><button node=\"1\">x</button></p></details>", ElementActions.None)]
    [InlineData("<dialog node=\"2\" open><button node=\"1\">x</button></dialog>", Click)]
    public void ActionsOf_Element_WhatItCanTake(string body, ElementActions expected)
    {
        foreach (var options in new[] { PruneOptions.Default, PruneOptions.Reference })
        {
            Assert.Equal(expected, HtmlPruner.Prune($"<body node=\"9\">{body}</body>", options).ActionsOf(1));
        }
    }

    [Fact]
    public void ActionsOf_UnknownId_None()
    {
        Assert.Equal(ElementActions.None, HtmlPruner.Prune("<body node=\"9\"><p node=\"1\">x</p></body>").ActionsOf(5));
    }

    [Fact]
    public void ActionsOf_AssignedIds_SameRules()
    {
        // Raw HTML (no node attributes): ids by the reference rule, last element 0.
        var pruned = HtmlPruner.Prune("<form><input type=\"password\"><select><option>a</option></select></form>");
        Assert.Equal(ElementActions.Click | ElementActions.Select, pruned.ActionsOf(1));
        Assert.Equal(ElementActions.Click | ElementActions.Type, pruned.ActionsOf(2));
    }
}
