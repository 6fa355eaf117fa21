using ScribeActors.Training.Native;

namespace ScribeActors.Training.Tests.Native;

public sealed class NativeSelfCheckTests
{
    [Fact]
    public void Run_ShippedBackend_PassesAndBindsToTheLibrariesLLamaSharpLoaded()
    {
        var info = NativeSelfCheck.Run();

        Assert.StartsWith(NativeSelfCheck.ExpectedCommit, info.Commit, StringComparison.Ordinal);
        Assert.Equal(Path.GetDirectoryName(info.Libraries.Llama), Path.GetDirectoryName(info.Libraries.GgmlBase));
        Assert.True(File.Exists(info.Libraries.GgmlCpu), info.Libraries.GgmlCpu);
        Assert.Equal("i32", Ggml.TypeName(GgmlConst.TypeI32));
        Assert.Equal("f32", Ggml.TypeName(GgmlConst.TypeF32));
    }

    [Fact]
    public void Run_OtherExpectedCommit_RefusesNamingTheCommitAndTheFix()
    {
        var e = Assert.Throws<NativeLibraryMismatchException>(() => NativeSelfCheck.Run("0123abcde"));

        Assert.Contains("ggml_commit() is '815a2a591", e.Message, StringComparison.Ordinal);
        Assert.Contains("expected '0123abcde'", e.Message, StringComparison.Ordinal);
        Assert.Contains("not the build the trainer's struct layouts were verified against", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ggml_type_name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptimizerDefaults_ReadThroughTheDeclaredStruct_AreTheSevenKnownValues()
    {
        NativeSelfCheck.Run();

        var p = GgmlOpt.DefaultOptimizerParams(IntPtr.Zero);

        Assert.Equal([1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 1e-3f, 0f], new[] { p.AdamWAlpha, p.AdamWBeta1, p.AdamWBeta2, p.AdamWEps, p.AdamWWeightDecay, p.SgdAlpha, p.SgdWeightDecay });
    }
}
