using ScribeActors.Browser.Secrets;

namespace ScribeActors.Browser.Tests.Secrets;

public sealed class SecretMaskerTests
{
    private static readonly KeyValuePair<string, string>[] Pin = [new("pin", "4711")];

    [Fact]
    public void MaskDom_NumericSecret_NodeIdsUntouchedTextMasked()
    {
        const string dom = "<html node=\"4711\"><body node=\"14711\"><p title=\"4711\" node=\"47110\">code 4711 and 47114711</p><i node=\"4711\"></i></body></html>";

        var masked = SecretMasker.MaskDom(dom, Pin, out var found);

        Assert.True(found);
        Assert.Equal(
            "<html node=\"4711\"><body node=\"14711\"><p title=\"{{secret:pin}}\" node=\"47110\">code {{secret:pin}} and {{secret:pin}}{{secret:pin}}</p><i node=\"4711\"></i></body></html>",
            masked);
    }

    [Fact]
    public void MaskDom_EscapedForms_AllMasked()
    {
        KeyValuePair<string, string>[] secrets = [new("pw", "a<b&\"c d")];
        const string dom = "<p node=\"1\">a&lt;b&amp;\"c d</p><input value=\"a&lt;b&amp;&quot;c d\" node=\"0\"><a href=\"/x?p=a%3Cb%26%22c%20d&amp;q=a%3Cb%26%22c+d\" node=\"2\">";

        var masked = SecretMasker.MaskDom(dom, secrets, out var found);

        Assert.True(found);
        Assert.Equal("<p node=\"1\">{{secret:pw}}</p><input value=\"{{secret:pw}}\" node=\"0\"><a href=\"/x?p={{secret:pw}}&amp;q={{secret:pw}}\" node=\"2\">", masked);
    }

    [Fact]
    public void Mask_SecretInsideAnother_LongerMaskedFirst()
    {
        KeyValuePair<string, string>[] secrets = [new("short", "pass"), new("long", "passphrase")];

        Assert.Equal("{{secret:long}} / {{secret:short}}", SecretMasker.Mask("passphrase / pass", secrets));
    }

    [Fact]
    public void Mask_NothingMatches_SameInstance()
    {
        const string text = "http://127.0.0.1/nothing";

        Assert.Same(text, SecretMasker.Mask(text, Pin));
        Assert.Same(text, SecretMasker.MaskDom(text, Pin, out var found));
        Assert.False(found);
    }
}
