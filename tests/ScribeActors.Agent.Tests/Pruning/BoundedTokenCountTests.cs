using System.Text;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Pruning;

public class BoundedTokenCountTests
{
    private static readonly string Prose = Words(400_000);

    [Fact]
    public void CountUpTo_ShortText_ExactInOneCall()
    {
        var counter = new RecordingCounter(ApproximateTokenCounter.Instance);
        var text = Words(500);

        var count = BoundedTokenCount.CountUpTo(counter, text, 0, 10);

        Assert.Equal(ApproximateTokenCounter.Instance.CountTokens(text), count);
        Assert.Equal(1, counter.Calls);
    }

    [Fact]
    public void CountUpTo_LongTextOverTheLimit_ReadsAboutTheLimitAndSaysOver()
    {
        var counter = new RecordingCounter(ApproximateTokenCounter.Instance);

        var count = BoundedTokenCount.CountUpTo(counter, Prose, 0, 1_000);

        Assert.True(count > 1_000, $"count {count}");
        Assert.True(count <= ApproximateTokenCounter.Instance.CountTokens(Prose), "a lower bound, never more than the count");

        // 1,000 tokens of this prose are about 3,500 characters; the text is 400,000.
        Assert.InRange(counter.Characters, 2_500, 12_000);
    }

    [Fact]
    public void CountUpTo_LongTextAtOrJustOverTheLimit_ExactWhenItFits()
    {
        var text = Prose[..100_000];
        var exact = ApproximateTokenCounter.Instance.CountTokens(text);

        Assert.Equal(exact, BoundedTokenCount.CountUpTo(ApproximateTokenCounter.Instance, text, 0, exact));
        Assert.True(BoundedTokenCount.CountUpTo(ApproximateTokenCounter.Instance, text, 0, exact - 1) > exact - 1);
    }

    [Fact]
    public void CountUpTo_CounterThatAddsATokenPerCall_StillExactAtTheLimit()
    {
        // SentencePiece tokenizers put a space in front of every text they count: pieces add up to more than the whole.
        var counter = new PrefixTokenCounter();
        var text = Prose[..60_000];
        var exact = counter.CountTokens(text);

        Assert.Equal(exact, BoundedTokenCount.CountUpTo(counter, text, 0, exact));
    }

    [Fact]
    public void CountUpTo_Range_CountsOnlyThoseCharacters()
    {
        var start = 123_457;

        foreach (var length in new[] { 0, 17, 5_000, 90_000 })
        {
            var expected = ApproximateTokenCounter.Instance.CountTokens(Prose.Substring(start, length));
            Assert.Equal(expected, BoundedTokenCount.CountUpTo(ApproximateTokenCounter.Instance, Prose, start, length, int.MaxValue / 2));
        }

        Assert.Equal(
            ApproximateTokenCounter.Instance.CountTokens(Prose[start..]),
            BoundedTokenCount.CountUpTo(ApproximateTokenCounter.Instance, Prose, start, int.MaxValue / 2));
    }

    [Fact]
    public void CountUpTo_NoSpaceToCutAt_StopsEarlyWithoutSplittingACharacter()
    {
        // One 400,000-character word of emoji (surrogate pairs): the pieces must still be whole characters.
        var text = string.Concat(Enumerable.Repeat("😀", 200_000));
        var counter = new RecordingCounter(new WholeCharactersCounter());

        var count = BoundedTokenCount.CountUpTo(counter, text, 0, 2_000);

        Assert.True(count > 2_000);
        Assert.True(counter.Characters < 20_000, $"read {counter.Characters} characters");
    }

    private static string Words(int chars)
    {
        string[] words = ["invoice", "supplier", "payment", "the", "order", "was", "approved", "by", "Contoso", "on", "Monday"];
        var random = new Random(5);
        var sb = new StringBuilder(chars + 16);
        while (sb.Length < chars)
        {
            sb.Append(words[random.Next(words.Length)]).Append(random.Next(9) == 0 ? ". " : " ");
        }

        return sb.ToString(0, chars);
    }

    private sealed class PrefixTokenCounter : ITokenCounter
    {
        public string Name => "prefix";

        public int CountTokens(string text) => text.Length == 0 ? 0 : 1 + text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    private sealed class WholeCharactersCounter : ITokenCounter
    {
        public string Name => "whole-characters";

        public int CountTokens(string text)
        {
            Assert.False(text.Length > 0 && (char.IsLowSurrogate(text[0]) || char.IsHighSurrogate(text[^1])), "a piece split a surrogate pair");
            return text.Length / 2;
        }
    }
}
