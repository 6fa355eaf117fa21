using System.Text;
using AngleSharp.Dom;

namespace ScribeActors.Agent;

/// <summary>The page as a whole: its text and the elements a CSS selector matches (for success criteria).</summary>
public sealed partial class DomIndex
{
    /// <summary>
    /// The text of the page: the document and its inlined same-origin frames in document order, without the head, scripts,
    /// styles, templates and elements marked <c>hidden</c>; whitespace runs collapsed to one space, and the boundary of
    /// every element that is not inline (a paragraph, a cell, a button, ...) counted as a space, so adjacent cells never run together.
    /// </summary>
    public string PageText()
    {
        var text = new StringBuilder();
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((_document, false));
        var children = new List<INode>();
        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (exit)
            {
                TextNormalizer.AppendCollapsed(text, " ", int.MaxValue);
                continue;
            }

            if (node is IText t)
            {
                TextNormalizer.AppendCollapsed(text, t.Data, int.MaxValue);
                continue;
            }

            if (node is IElement element)
            {
                if (element.LocalName is "head" or "script" or "style" or "noscript" or "template" || element.HasAttribute("hidden"))
                {
                    continue;
                }

                if (!InlineTags.Contains(element.LocalName))
                {
                    TextNormalizer.AppendCollapsed(text, " ", int.MaxValue);
                    stack.Push((node, true));
                }
            }
            else if (node is not (IDocument or IDocumentFragment))
            {
                continue;
            }

            children.Clear();
            AddLogicalChildren(node, _frames, children);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push((children[i], false));
            }
        }

        return text.ToString().Trim();
    }

    /// <summary>How many elements of the page (the document and its inlined same-origin frames) match the CSS
    /// <paramref name="selector"/>.</summary>
    /// <exception cref="ArgumentException">The selector is not one the evaluator (AngleSharp) supports.</exception>
    public int CountMatches(string selector)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(selector);
        try
        {
            var count = _document.QuerySelectorAll(selector).Length;
            foreach (var frame in _frames.Values)
            {
                count += frame.QuerySelectorAll(selector).Length;
            }

            return count;
        }
        catch (DomException e)
        {
            throw new ArgumentException($"'{selector}' is not a CSS selector the page evaluator supports ({e.Message}).", nameof(selector), e);
        }
    }
}
