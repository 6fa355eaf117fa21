using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ScribeActors.Agent.Tests;

/// <summary>Builds observation-style DOMs for tests: every element numbered with <c>node="N"</c> in reverse document
/// order (the last element gets 0, the root element the largest id), as a browser capture writes them.</summary>
internal static class TestPages
{
    public static string Number(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var elements = document.DocumentElement.DescendantsAndSelf<IElement>().ToList();
        for (var i = 0; i < elements.Count; i++)
        {
            elements[elements.Count - 1 - i].SetAttribute("node", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return document.DocumentElement.OuterHtml;
    }

    /// <summary>A supplier-portal invoice page. <paramref name="variant"/> changes generated ids and class names;
    /// the flags insert distractors, move the download button, drop it, or reverse attribute order.</summary>
    public static string Invoice(
        string variant = "a1",
        bool distractors = false,
        bool moveDownload = false,
        bool withoutDownload = false,
        bool reverseAttributes = false)
    {
        string Attrs(params (string Name, string Value)[] attrs) =>
            string.Concat((reverseAttributes ? attrs.Reverse() : attrs).Select(a => $" {a.Name}=\"{a.Value}\""));

        var download = withoutDownload ? "" : $"<button{Attrs(("id", $"dl-{variant}"), ("class", $"btn css-{variant}"), ("type", "button"))}>Download PDF</button>";
        var dispute = $"<button{Attrs(("id", $"dp-{variant}"), ("class", $"btn css-{variant}"), ("type", "button"))}>Dispute</button>";
        var noise = distractors
            ? "<div class=\"promo\"><button type=\"button\">Dismiss</button><a href=\"/offers?x=1\">Offers</a><input type=\"text\" name=\"coupon\" placeholder=\"Coupon\"></div>"
            : "";
        var actions = moveDownload ? dispute : download + dispute;
        var tail = moveDownload ? $"<div class=\"footer-{variant}\">{download}</div>" : "";
        return Number($"""
            <html><head><title>Invoice 4471</title></head><body>
            {noise}
            <nav><a href="/invoices">Invoices</a> <a href="/logout">Log out</a></nav>
            <main id="m-{variant}" class="c-{variant}">
              <h1>Invoice 4471</h1>
              {noise}
              <table><tr><td>Amount</td><td>1,250.00</td></tr></table>
              <div class="actions-{variant}">{actions}</div>
              <form action="/invoices/4471/dispute">
                <label for="r-{variant}">Reason</label><input{Attrs(("id", $"r-{variant}"), ("type", "text"))}>
                <label for="n-{variant}">Note</label><input{Attrs(("id", $"n-{variant}"), ("type", "text"))}>
                <label>Amount <input{Attrs(("name", "amount"), ("type", "text"))}></label>
                <button type="submit">Submit dispute</button>
              </form>
              {tail}
            </main></body></html>
            """);
    }
}
