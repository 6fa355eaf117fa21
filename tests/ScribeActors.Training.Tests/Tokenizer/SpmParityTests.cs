using ScribeActors.Training.Tokenizer;

namespace ScribeActors.Training.Tests.Tokenizer;

/// <summary>Our encoder against llama.cpp's SPM tokenizer on the same GGUF vocabulary: the ids must be equal.</summary>
public sealed class SpmParityTests(ParityFixture fixture) : IClassFixture<ParityFixture>
{
    public static TheoryData<string> Texts => new()
    {
        "Once upon a time",
        "ê",
        "Café crème brûlée, naïve façade",
        "emoji 🙂👍🏽 and a flag 🇩🇪",
        "日本語のテキストと中文和한국어",
        "  two leading spaces,   three inside, trailing  ",
        "tabs\tand\nnew\r\nlines\n\n",
        " ",
        "",
        "<s>struck</s> and <unk> as text",
        "<0x41> looks like a byte token",
        "▁ already a marker",
        "lone surrogate \ud800 here",
        "[42] <button> Submit invoice </button> <input name=amount value=12.50>",
    };

    [Fact]
    public void Encode_UnseenDemoPages_EqualsLlamaCpp()
    {
        Assert.NotEmpty(fixture.UnseenPages);
        foreach (var page in fixture.UnseenPages.Concat(fixture.TrainPages.Take(3)))
        {
            var expected = fixture.Native.Tokenize(page, addBos: true, special: false);
            var actual = fixture.Tokenizer.Encode(page, addBos: true);
            Assert.True(expected.SequenceEqual(actual), Difference(page, expected, actual));
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Encode_EdgeText_EqualsLlamaCpp(string text)
    {
        foreach (var (bos, special) in new[] { (false, false), (true, false), (true, true), (false, true) })
        {
            var expected = fixture.Native.Tokenize(text, bos, special);
            var actual = fixture.Tokenizer.Encode(text, bos, special);
            Assert.True(expected.SequenceEqual(actual), $"bos={bos} special={special}: " + Difference(text, expected, actual));
        }
    }

    [Fact]
    public void Encode_ChatMlStepPrompt_EqualsLlamaCppWithEachMarkerOneControlToken()
    {
        var prompt = Abstractions.ChatMl.Render("You are a web agent.", "Objective: sign in\nObservation: " + fixture.UnseenPages[0]);

        var ids = fixture.Tokenizer.Encode(prompt, addBos: true, parseSpecial: true);

        Assert.Equal(fixture.Native.Tokenize(prompt, addBos: true, special: true), ids);
        var start = fixture.Tokenizer.Vocabulary.IdOf("<|im_start|>");
        var end = fixture.Tokenizer.Vocabulary.IdOf("<|im_end|>");
        Assert.Equal(SpmTokenType.Control, fixture.Tokenizer.Vocabulary.Types[start]);
        Assert.Equal(3, ids.Count(id => id == start)); // system, user, and the assistant turn the prompt opens
        Assert.Equal(2, ids.Count(id => id == end));
        Assert.Equal(1024, fixture.Tokenizer.Vocabulary.Count);
    }

    [Fact]
    public void Encode_UnseenCharacter_FallsBackToByteTokens()
    {
        var ids = fixture.Tokenizer.Encode("ê");

        // "▁" then the UTF-8 bytes C3 AA as <0xC3> <0xAA> (ids 3 + byte).
        Assert.Equal([fixture.Tokenizer.Vocabulary.IdOf("▁"), 3 + 0xC3, 3 + 0xAA], ids);
        Assert.Equal(ids, fixture.Native.Tokenize("ê", addBos: false, special: false));
    }

    [Fact]
    public void Encode_DemoPage_IsMuchShorterThanCharactersAndDecodesBack()
    {
        var page = fixture.UnseenPages[0];

        var ids = fixture.Tokenizer.Encode(page);

        Assert.True(ids.Length * 2 < page.Length, $"{ids.Length} tokens for {page.Length} characters: the merges do not compress.");
        Assert.Equal(page, fixture.Tokenizer.Decode(ids));
    }

    private string Difference(string text, int[] expected, int[] actual)
    {
        var at = expected.Zip(actual).TakeWhile(p => p.First == p.Second).Count();
        var tokens = fixture.Tokenizer.Vocabulary.Tokens;
        string Show(int[] ids) => string.Join(" ", ids.Skip(Math.Max(0, at - 3)).Take(8).Select(i => $"{i}:{tokens[i]}"));
        return $"first difference at token {at} of {expected.Length} (native) / {actual.Length} (ours) in '{text[..Math.Min(text.Length, 80)]}…': native {Show(expected)} | ours {Show(actual)}";
    }
}
