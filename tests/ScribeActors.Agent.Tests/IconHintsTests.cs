namespace ScribeActors.Agent.Tests;

public sealed class IconHintsTests
{
    [Theory]
    [InlineData("fa fa-trash", "trash")]
    [InlineData("fas fa-trash-alt fa-2x fa-fw", "trash")]
    [InlineData("fa fa-trash-o fa-lg", "trash")]
    [InlineData("bi bi-pencil-square", "pencil square")]
    [InlineData("glyphicon glyphicon-download-alt", "download")]
    [InlineData("mdi mdi-delete-outline", "delete")]
    [InlineData("icon icon-trash", "trash")]
    [InlineData("fa fa-pull-left fa-arrow-left", "arrow left")]
    [InlineData("pi pi-pencil", "pencil")]
    [InlineData("lucide lucide-trash-2", "trash 2")]
    public void FromClass_IconFontClass_NamesTheIcon(string classes, string name)
    {
        Assert.Equal([name], IconHints.FromClass(classes));
    }

    [Theory]
    [InlineData("icon-btn icon-sm")]
    [InlineData("fa fa-2x fa-fw fa-spin")]
    [InlineData("btn trash css-1x2y3z")]
    [InlineData("")]
    [InlineData(null)]
    public void FromClass_NoIconFontClass_NamesNothing(string? classes)
    {
        Assert.Empty(IconHints.FromClass(classes));
    }

    [Theory]
    [InlineData("#icon-trash", "trash")]
    [InlineData("/static/sprite.svg#i-edit", "edit")]
    [InlineData("/icons/ic_delete_24px.png?v=3", "delete")]
    [InlineData("download.svg", "download")]
    [InlineData("/static/media/trash.8f3a2c1e.svg", "trash")]
    [InlineData("https://cdn.example.test/img/export-csv@2x.png", "export csv")]
    public void FromReference_SpriteOrFile_NamesTheIcon(string reference, string name)
    {
        Assert.Equal(name, IconHints.FromReference(reference));
    }

    [Theory]
    [InlineData("data:image/png;base64,iVBORw0KGgo=")]
    [InlineData("#icon")]
    [InlineData("/img/24px.svg")]
    [InlineData("")]
    public void FromReference_NothingNamed_IsNull(string reference)
    {
        Assert.Null(IconHints.FromReference(reference));
    }

    [Fact]
    public void Shape_SameGeometry_SameFingerprintOtherwiseDifferent()
    {
        var trash = IconHints.Shape(["M3 6h18", "M8 6V4h8v2"]);
        Assert.Equal(trash, IconHints.Shape(["M3  6h18 ", "M8 6V4h8v2"]));
        Assert.NotEqual(trash, IconHints.Shape(["M3 6h18"]));
        Assert.NotEqual(trash, IconHints.Shape(["M3 6h18M8 6V4h8v2"]));
        Assert.Matches("^svg:[0-9a-f]{8}$", trash);
    }

    [Fact]
    public void Agreement_NamesAndShapes_BestPairCounts()
    {
        var shape = IconHints.Shape(["M3 6h18"]);
        Assert.Equal(1, IconHints.Agreement(["trash"], ["pencil", "trash"]));
        Assert.Equal(0, IconHints.Agreement(["trash"], ["pencil"]));
        Assert.InRange(IconHints.Agreement(["trash"], ["trash can"]), 0.4, 0.7);
        Assert.Equal(1, IconHints.Agreement(["delete", shape], [shape]));
        Assert.Equal(0, IconHints.Agreement([shape], [IconHints.Shape(["M3 7h18"])]));
        Assert.Equal(0, IconHints.Agreement([shape], [shape[4..]]));
        Assert.Equal(0, IconHints.Agreement([], ["trash"]));
    }
}
