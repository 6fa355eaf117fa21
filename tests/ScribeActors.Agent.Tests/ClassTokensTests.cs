namespace ScribeActors.Agent.Tests;

public sealed class ClassTokensTests
{
    [Theory]
    [InlineData("css-1x2y3z")] // emotion
    [InlineData("css-ohwg9z")]
    [InlineData("css-1x2y3z-Button")]
    [InlineData("sc-AbCdE")] // styled-components
    [InlineData("sc-bdVaJa")]
    [InlineData("kZxXtB")] // styled-components' second class
    [InlineData("iZbKlm")]
    [InlineData("jsx-3920472")] // styled-jsx
    [InlineData("svelte-1xyz2ab")]
    [InlineData("emotion-0")]
    [InlineData("jss12")] // JSS counter
    [InlineData("_a1b2c3")] // minified CSS modules
    [InlineData("_3xKzD")]
    [InlineData("x7f9k2")] // random letters and digits
    [InlineData("e1yxhq0")]
    [InlineData("ab12cd")]
    [InlineData("1d3w5wq")]
    [InlineData("ng-star-inserted")] // framework and state classes
    [InlineData("ng-tns-c12-3")]
    [InlineData("active")]
    [InlineData("Selected")]
    [InlineData("focus-visible")]
    [InlineData("is-open")]
    public void StableForm_GeneratedOrStateToken_IsDropped(string token)
    {
        Assert.Null(ClassTokens.StableForm(token));
    }

    [Theory]
    [InlineData("btn")]
    [InlineData("btn-primary")]
    [InlineData("trash")]
    [InlineData("recipient")]
    [InlineData("navBarItem")]
    [InlineData("toDoList")]
    [InlineData("getElementById")]
    [InlineData("MuiButton-root")]
    [InlineData("col-md-6")]
    [InlineData("span12")]
    [InlineData("h-10")]
    [InlineData("w-1/2")]
    [InlineData("md:flex")]
    [InlineData("fa-2x")]
    [InlineData("icon-trash")]
    [InlineData("data-table__row")]
    [InlineData("mp4player")]
    [InlineData("has-icon")]
    public void StableForm_WrittenToken_IsKeptAsWritten(string token)
    {
        Assert.Equal(token, ClassTokens.StableForm(token));
    }

    [Theory]
    [InlineData("Button_root__3xKzD", "Button_root")] // CSS modules: name plus a content hash
    [InlineData("styles_button__a8Ft2", "styles_button")]
    [InlineData("card-x7f9k2", "card")]
    [InlineData("card_3fa9c", "card")] // the demo sites' per-seed suffixes
    [InlineData("notice_a1234", "notice")]
    public void StableForm_SemanticStemWithGeneratedSuffix_KeepsTheStem(string token, string stem)
    {
        Assert.Equal(stem, ClassTokens.StableForm(token));
    }

    [Fact]
    public void Stable_ClassAttribute_KeepsSemanticTokensInOrderOnce()
    {
        Assert.Equal(["btn", "trash", "Button_root"], ClassTokens.Stable("  btn css-1x2y3z trash active btn Button_root__3xKzD sc-AbCdE "));
        Assert.Empty(ClassTokens.Stable(null));
        Assert.Empty(ClassTokens.Stable("   "));
        Assert.Empty(ClassTokens.Stable("css-1x2y3z kZxXtB"));
    }

    [Theory]
    [InlineData("AbCdE", true)]
    [InlineData("a1b2c3", true)]
    [InlineData("3xKzD", true)]
    [InlineData("ab123", true)]
    [InlineData("abcd", false)] // too short to tell
    [InlineData("navBar", false)]
    [InlineData("h100", false)]
    [InlineData("Heading", false)]
    public void IsHashLike_Part_TellsGeneratedFromWritten(string part, bool hashLike)
    {
        Assert.Equal(hashLike, ClassTokens.IsHashLike(part));
    }
}
