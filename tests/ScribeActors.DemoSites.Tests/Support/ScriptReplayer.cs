using AngleSharp.Dom;
using ScribeActors.Abstractions;

namespace ScribeActors.DemoSites.Tests.Support;

/// <summary>
/// Replays an expert script over plain HTTP, the way a browser without JavaScript would: links navigate, submit
/// buttons and Enter in a field submit their form (with every successful control), checkboxes toggle, typing replaces a
/// field's value, selecting picks an option by label or value. Attachments (the PDF) are fetched without leaving the page.
/// It checks that every selector matches exactly one element, as Playwright's strict mode does. Like a browser silo
/// configured with <see cref="DemoCredentials.SecretSettings"/>, it types the demo passwords where the scripts name them
/// by secret placeholder.
/// </summary>
internal sealed class ScriptReplayer(WebSession session)
{
    private WebPage? _page;

    public WebPage Page => _page ?? throw new InvalidOperationException("No page loaded yet.");

    public string? Answer { get; private set; }

    public async Task RunAsync(string startUrl, IReadOnlyList<ScriptedStep> script)
    {
        _page = await session.GetAsync(startUrl);
        for (var i = 0; i < script.Count; i++)
        {
            var step = script[i];
            var context = $"step {i + 1} ({step.Description}) on {Page.Url.PathAndQuery}";
            switch (step.Action)
            {
                case StepActions.Click:
                    await ClickAsync(Selectors.Single(Page.Document, step.Selector!, context), context);
                    break;
                case StepActions.Type:
                    Type(Selectors.Single(Page.Document, step.Selector!, context), SecretPlaceholder.Replace(step.Value!, DemoSecret), context);
                    break;
                case StepActions.SelectOption:
                    Select(Selectors.Single(Page.Document, step.Selector!, context), step.Value!, context);
                    break;
                case StepActions.KeyCombination:
                    Assert.True(step.Value == "Enter", $"{context}: only Enter is simulated.");
                    var field = Selectors.Single(Page.Document, step.Selector!, context);
                    var form = field.Closest("form") ?? throw new InvalidOperationException($"{context}: Enter outside a form.");
                    await SubmitAsync(form, null);
                    break;
                case StepActions.Finish:
                    Answer = step.Value;
                    Assert.True(i == script.Count - 1, $"{context}: finish is not the last step.");
                    break;
                default:
                    throw new InvalidOperationException($"{context}: action {step.Action} is not simulated.");
            }
        }
    }

    private static string DemoSecret(string name) =>
        DemoCredentials.SecretSettings("127.0.0.1").TryGetValue($"Scribe:Secrets:{name}:Value", out var value)
            ? value!
            : throw new InvalidOperationException($"The script types secret '{name}', which is not a demo secret.");

    private async Task ClickAsync(IElement element, string context)
    {
        switch (element.LocalName)
        {
            case "a":
                var href = element.GetAttribute("href") ?? throw new InvalidOperationException($"{context}: link without href.");
                var target = new Uri(Page.Url, href);
                var response = await session.RawGetAsync(target.AbsoluteUri);
                if (response.Content.Headers.ContentDisposition?.DispositionType == "attachment")
                {
                    response.Dispose();
                    return; // a download: the browser stays on the page
                }

                _page = await session.FollowAsync(response);
                return;
            case "input" when element.GetAttribute("type") == "checkbox":
                if (element.HasAttribute("checked"))
                {
                    element.RemoveAttribute("checked");
                }
                else
                {
                    element.SetAttribute("checked", "");
                }

                return;
            case "button" or "input" when (element.GetAttribute("type") ?? "submit") == "submit":
                var form = element.Closest("form") ?? throw new InvalidOperationException($"{context}: submit button outside a form.");
                await SubmitAsync(form, element);
                return;
            default:
                throw new InvalidOperationException($"{context}: clicking <{element.LocalName}> does nothing without JavaScript.");
        }
    }

    private static void Type(IElement element, string text, string context)
    {
        if (element.LocalName == "textarea")
        {
            element.TextContent = text;
        }
        else if (element.LocalName == "input" && (element.GetAttribute("type") ?? "text") is "text" or "password" or "date" or "email" or "search")
        {
            element.SetAttribute("value", text);
        }
        else
        {
            throw new InvalidOperationException($"{context}: cannot type into <{element.LocalName}>.");
        }
    }

    private static void Select(IElement element, string option, string context)
    {
        Assert.True(element.LocalName == "select", $"{context}: not a select element.");
        var options = element.QuerySelectorAll("option").ToList();
        var chosen = options.FirstOrDefault(o => Selectors.Normalize(o.TextContent) == option)
            ?? options.FirstOrDefault(o => o.GetAttribute("value") == option)
            ?? throw new InvalidOperationException($"{context}: no option '{option}'.");
        foreach (var o in options)
        {
            o.RemoveAttribute("selected");
        }

        chosen.SetAttribute("selected", "");
    }

    private async Task SubmitAsync(IElement form, IElement? submitter)
    {
        var fields = new List<(string, string)>();
        foreach (var control in form.QuerySelectorAll("input, select, textarea"))
        {
            var name = control.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || control.HasAttribute("disabled"))
            {
                continue;
            }

            switch (control.LocalName)
            {
                case "textarea":
                    fields.Add((name, control.TextContent));
                    break;
                case "select":
                    var options = control.QuerySelectorAll("option").ToList();
                    var selected = options.FirstOrDefault(o => o.HasAttribute("selected")) ?? options.FirstOrDefault();
                    if (selected is not null)
                    {
                        fields.Add((name, selected.GetAttribute("value") ?? selected.TextContent));
                    }

                    break;
                default:
                    var type = control.GetAttribute("type") ?? "text";
                    if (type is "submit" or "button" or "reset" or "image" || (type is "checkbox" or "radio" && !control.HasAttribute("checked")))
                    {
                        continue;
                    }

                    fields.Add((name, control.GetAttribute("value") ?? (type == "checkbox" ? "on" : "")));
                    break;
            }
        }

        if (submitter?.GetAttribute("name") is { Length: > 0 } submitterName)
        {
            fields.Add((submitterName, submitter.GetAttribute("value") ?? ""));
        }

        var action = new Uri(Page.Url, form.GetAttribute("action") ?? Page.Url.PathAndQuery);
        if ((form.GetAttribute("method") ?? "get").Equals("post", StringComparison.OrdinalIgnoreCase))
        {
            _page = await session.PostAsync(action.AbsoluteUri, [.. fields]);
        }
        else
        {
            var query = string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Item1)}={Uri.EscapeDataString(f.Item2)}"));
            _page = await session.GetAsync(new UriBuilder(action) { Query = query }.Uri.AbsoluteUri);
        }
    }
}
