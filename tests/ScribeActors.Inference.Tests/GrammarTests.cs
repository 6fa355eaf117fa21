using System.Text.RegularExpressions;

namespace ScribeActors.Inference.Tests;

[Collection(TinyModelCollection.Name)]
public sealed class GrammarTests(TinyModelFixture fixture)
{
    private readonly LlamaModel _model = fixture.Model;

    [Fact]
    public async Task GenerateAsync_Grammar200SeedsAtTemperatureOne_AlwaysMatches()
    {
        var prompt = _model.RenderChat("You click things.", "What next?");
        var tasks = Enumerable.Range(0, 200).Select(seed => _model.GenerateAsync(
            new GenerationRequest { Prompt = prompt, Grammar = TestModel.ActionGrammar, MaxTokens = 32, Temperature = 1.0f, TopP = 1, Seed = seed },
            CancellationToken.None));

        var results = await Task.WhenAll(tasks);

        Assert.All(results, r =>
        {
            Assert.Matches(TestModel.ActionPattern, r.Text);
            Assert.Equal(StopReasons.GrammarEnd, r.StopReason);
        });
        Assert.True(results.Select(r => r.Text).Distinct().Count() > 1, "temperature 1.0 over 200 seeds should give more than one answer");
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    public async Task GenerateAsync_ConcurrentDifferentGrammars_EachHonoursItsOwn(int count)
    {
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            var word = $"w{i}x";
            var grammar = $"root ::= \"{word}-\" [0-9] [0-9]? \"-{word}\"";
            var result = await _model.GenerateAsync(
                new GenerationRequest { Prompt = "Once upon a time", Grammar = grammar, MaxTokens = 40, Temperature = 1, Seed = i },
                CancellationToken.None);
            return (word, result);
        });

        var results = await Task.WhenAll(tasks);

        Assert.All(results, x => Assert.Matches($"^{Regex.Escape(x.word)}-[0-9]{{1,2}}-{Regex.Escape(x.word)}$", x.result.Text));
    }
}
