using System.Text;

namespace ScribeActors.DemoSites.Layout;

/// <summary>The inline stylesheet, written against one layout's seeded class names.</summary>
internal static class Styles
{
    public static string Build(SiteLayout l)
    {
        string C(string name) => "." + l.Cls(name);
        var a = l.Accent;
        var css = new StringBuilder();
        css.Append("*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;")
           .Append("background:#f4f6f9;color:#1d2433;font-size:15px;line-height:1.45}a{color:").Append(a).Append('}');
        css.Append(C("header")).Append("{background:").Append(a).Append(";color:#fff;display:flex;align-items:center;gap:24px;padding:10px 28px}");
        css.Append(C("brand")).Append("{font-weight:700;font-size:18px;color:#fff;text-decoration:none;margin-right:12px}");
        css.Append(C("nav")).Append("{display:flex;gap:6px;flex:1}");
        css.Append(C("nav-link")).Append("{color:#e8eefc;text-decoration:none;padding:6px 10px;border-radius:4px}");
        css.Append(C("nav-link")).Append(":hover,").Append(C("nav-active")).Append("{background:rgba(255,255,255,.18);color:#fff}");
        css.Append(C("user")).Append("{display:flex;gap:12px;align-items:center;font-size:14px}").Append(C("user")).Append(" a{color:#fff}");
        css.Append(C("main")).Append("{max-width:1080px;margin:24px auto;padding:0 20px}");
        css.Append(C("layout")).Append("{display:grid;grid-template-columns:1fr 300px;gap:20px;align-items:start}");
        css.Append(C("card")).Append("{background:#fff;border:1px solid #dde3ec;border-radius:8px;padding:20px 24px;margin-bottom:20px;box-shadow:0 1px 2px rgba(0,0,0,.04)}");
        css.Append(C("narrow")).Append("{max-width:420px;margin:40px auto}");
        css.Append("h1{font-size:22px;margin:0 0 16px}h2{font-size:17px;margin:0 0 12px}");
        css.Append(C("btn")).Append("{display:inline-block;border:1px solid #c5cdd9;background:#fff;color:#1d2433;padding:8px 16px;border-radius:5px;font-size:14px;cursor:pointer;text-decoration:none}");
        css.Append(C("btn-primary")).Append("{background:").Append(a).Append(";border-color:").Append(a).Append(";color:#fff}");
        css.Append(C("btn-danger")).Append("{background:#fff;border-color:#c0392b;color:#c0392b}");
        css.Append(C("actions")).Append("{display:flex;gap:10px;margin-top:18px;align-items:center;flex-wrap:wrap}");
        css.Append(C("field")).Append("{margin-bottom:14px;display:flex;flex-direction:column;gap:4px}");
        css.Append(C("field")).Append(" label{font-weight:600;font-size:14px}");
        css.Append(C("field")).Append(" input[type=text],").Append(C("field")).Append(" input[type=password],")
           .Append(C("field")).Append(" input[type=date],").Append(C("field")).Append(" input[type=email],")
           .Append(C("field")).Append(" select,").Append(C("field")).Append(" textarea{padding:8px 10px;border:1px solid #c5cdd9;border-radius:5px;font:inherit;background:#fff}");
        css.Append(C("field")).Append(" textarea{min-height:96px}");
        css.Append(C("check")).Append("{flex-direction:row;align-items:center;gap:8px}").Append(C("check")).Append(" label{font-weight:400}");
        css.Append(C("invalid")).Append("{border-color:#c0392b!important;background:#fff7f6!important}");
        css.Append(C("field-error")).Append("{color:#c0392b;font-size:13px;margin:0}");
        css.Append(C("error-summary")).Append("{border:1px solid #e5a39b;background:#fdf1ef;color:#8e2a1f;border-radius:6px;padding:10px 14px;margin-bottom:16px}");
        css.Append(C("notice")).Append("{border:1px solid #9fd3ae;background:#eef9f1;color:#1e6b35;border-radius:6px;padding:10px 14px;margin-bottom:16px}");
        css.Append(C("table")).Append("{width:100%;border-collapse:collapse;font-size:14px}");
        css.Append(C("table")).Append(" th{text-align:left;color:#5b6577;font-weight:600;border-bottom:2px solid #dde3ec;padding:8px}");
        css.Append(C("table")).Append(" td{border-bottom:1px solid #edf0f5;padding:8px;vertical-align:middle}");
        css.Append(C("num")).Append("{text-align:right;font-variant-numeric:tabular-nums}");
        css.Append(C("search")).Append("{display:flex;gap:10px;align-items:flex-end;flex-wrap:wrap;margin-bottom:16px}");
        css.Append(C("search")).Append(' ').Append(C("field")).Append("{margin:0}");
        css.Append(C("pager")).Append("{display:flex;gap:8px;align-items:center;margin-top:16px;font-size:14px}");
        css.Append(C("pager")).Append(" span[aria-disabled]{color:#9aa3b2}");
        css.Append(C("muted")).Append("{color:#6b7485;font-size:13px}");
        css.Append(C("promo")).Append("{background:#fff6d6;border-bottom:1px solid #f0dc8c;padding:8px 28px;font-size:14px}");
        // Not position:fixed: an overlay could cover the very elements a browser-driven workflow has to click.
        css.Append(C("cookie")).Append("{background:#1d2433;color:#fff;padding:10px 28px;display:flex;gap:16px;align-items:center;font-size:13px}");
        css.Append(C("footer")).Append("{max-width:1080px;margin:40px auto 24px;padding:16px 20px;border-top:1px solid #dde3ec;color:#6b7485;font-size:13px;display:flex;justify-content:space-between;gap:20px;flex-wrap:wrap}");
        css.Append(C("newsletter")).Append("{display:flex;gap:8px;align-items:center}");
        css.Append(C("newsletter")).Append(" input{padding:6px 8px;border:1px solid #c5cdd9;border-radius:4px}");
        css.Append(C("summary")).Append("{display:grid;grid-template-columns:180px 1fr;gap:6px 16px;margin:0}");
        css.Append(C("summary")).Append(" dt{color:#5b6577}").Append(C("summary")).Append(" dd{margin:0;font-weight:500}");
        css.Append(C("steps")).Append("{display:flex;gap:8px;list-style:none;padding:0;margin:0 0 18px;font-size:13px}");
        css.Append(C("steps")).Append(" li{padding:4px 10px;border-radius:12px;background:#e8ecf2;color:#5b6577}");
        css.Append(C("steps")).Append(" li[aria-current]{background:").Append(a).Append(";color:#fff}");
        css.Append(C("chat")).Append("{width:100%;height:300px;border:1px solid #dde3ec;border-radius:6px;background:#fff}");
        css.Append(C("inline")).Append("{display:inline}");
        return css.ToString();
    }
}
