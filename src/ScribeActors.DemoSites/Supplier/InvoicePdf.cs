using System.Globalization;
using System.Text;
using ScribeActors.DemoSites.Layout;
using ScribeActors.DemoSites.State;

namespace ScribeActors.DemoSites.Supplier;

/// <summary>Writes a minimal one-page PDF of an invoice (Helvetica text, no images).</summary>
internal static class InvoicePdf
{
    public static byte[] Render(Invoice invoice)
    {
        var lines = new List<string>
        {
            $"Invoice {invoice.Number}",
            $"Vendor: {invoice.Vendor}",
            $"Issued: {Html.IsoDate(invoice.IssueDate)}   Due: {Html.IsoDate(invoice.DueDate)}",
            "",
        };
        lines.AddRange(invoice.Lines.Select(l => $"{l.Quantity} x {l.Description} @ {Html.Money(l.UnitPrice)} = {Html.Money(l.Total)}"));
        lines.Add("");
        lines.Add($"Total: {Html.Money(invoice.Amount, invoice.Currency)}");

        var text = new StringBuilder("BT /F1 12 Tf 56 780 Td 16 TL");
        foreach (var line in lines)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({Escape(line)}) Tj T*");
        }

        text.Append(" ET");
        var content = text.ToString();
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Length {Encoding.ASCII.GetByteCount(content)} >>\nstream\n{content}\nendstream",
        ];

        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static string Escape(string s)
    {
        var ascii = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            ascii.Append(c switch
            {
                '(' or ')' or '\\' => "\\" + c,
                < ' ' or > '~' => "?",
                _ => c.ToString(),
            });
        }

        return ascii.ToString();
    }
}
