namespace ScribeActors.Inference.Tests;

[Collection(TinyModelCollection.Name)]
public sealed class LlamaModelTests(TinyModelFixture fixture)
{
    private readonly LlamaModel _model = fixture.Model;

    [Fact]
    public void CountTokens_Text_CountsWithoutBos()
    {
        Assert.Equal(0, _model.CountTokens(string.Empty));
        var one = _model.CountTokens("Once upon a time");
        var two = _model.CountTokens("Once upon a time there was a little girl named Lily.");
        Assert.InRange(one, 2, 16);
        Assert.True(two > one, $"{two} tokens should exceed {one}");
    }

    [Fact]
    public async Task GenerateAsync_Prompt_PromptTokensAreCountPlusBos()
    {
        const string prompt = "Once upon a time";
        var result = await _model.GenerateAsync(new GenerationRequest { Prompt = prompt, MaxTokens = 8, Seed = 1 }, CancellationToken.None);

        Assert.Equal(_model.CountTokens(prompt) + 1, result.PromptTokens);
        Assert.InRange(result.OutputTokens, 1, 8);
        Assert.False(string.IsNullOrEmpty(result.Text));
        Assert.Contains(result.StopReason, new[] { StopReasons.Eos, StopReasons.MaxTokens });
    }

    [Fact]
    public void RenderChat_ModelWithoutTemplate_UsesChatMl()
    {
        Assert.Equal(ChatTemplates.ChatMl, _model.TemplateName);
        Assert.Equal(
            "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n",
            _model.RenderChat("Be brief.", "Hello"));
    }

    [Fact]
    public async Task GenerateAsync_SystemAndUser_RendersChatTemplate()
    {
        var result = await _model.GenerateAsync(new GenerationRequest { System = "s", User = "Tell a story.", MaxTokens = 4, Seed = 3 }, CancellationToken.None);

        var rendered = _model.RenderChat("s", "Tell a story.");
        Assert.True(result.PromptTokens > _model.CountTokens("Tell a story."), "the template adds tokens");
        Assert.True(result.PromptTokens >= _model.CountTokens(rendered), $"{result.PromptTokens} prompt tokens for a {_model.CountTokens(rendered)}-token rendering");
    }

    [Fact]
    public async Task GenerateAsync_MaxTokens_StopsThere()
    {
        var result = await _model.GenerateAsync(
            new GenerationRequest { Prompt = "Once upon a time", MaxTokens = 5, Temperature = 0, Grammar = "root ::= [a-z ]{20,40}" }, CancellationToken.None);

        Assert.Equal(5, result.OutputTokens);
        Assert.Equal(StopReasons.MaxTokens, result.StopReason);
    }

    [Fact]
    public async Task GenerateAsync_StopString_TruncatesBeforeIt()
    {
        var result = await _model.GenerateAsync(
            new GenerationRequest { Prompt = "Once", MaxTokens = 40, Grammar = "root ::= \"abc STOP def\"", StopStrings = ["STOP"] }, CancellationToken.None);

        Assert.Equal(StopReasons.StopString, result.StopReason);
        Assert.Equal("abc ", result.Text);
    }

    [Fact]
    public async Task GenerateAsync_StopStringSpanningTokens_CutsAtEarliest()
    {
        var result = await _model.GenerateAsync(
            new GenerationRequest { Prompt = "Once", MaxTokens = 60, Grammar = "root ::= \"one two three four five\"", StopStrings = ["four", "o th"] }, CancellationToken.None);

        Assert.Equal(StopReasons.StopString, result.StopReason);
        Assert.Equal("one tw", result.Text);
    }

    [Fact]
    public async Task GenerateAsync_SameSeed_SameText()
    {
        var request = new GenerationRequest { Prompt = "Once upon a time", MaxTokens = 24, Temperature = 1, Seed = 42 };
        var a = await _model.GenerateAsync(request, CancellationToken.None);
        var b = await _model.GenerateAsync(request, CancellationToken.None);

        Assert.Equal(a.Text, b.Text);
    }

    [Fact]
    public async Task GenerateAsync_PromptLongerThanContext_ThrowsAndOthersComplete()
    {
        var other = _model.GenerateAsync(new GenerationRequest { Prompt = "Once upon a time", MaxTokens = 16, Seed = 5 }, CancellationToken.None);
        var longPrompt = string.Join(' ', Enumerable.Repeat("the little dog ran home", 200));

        var error = await Assert.ThrowsAsync<PromptTooLongException>(() => _model.GenerateAsync(new GenerationRequest { Prompt = longPrompt }, CancellationToken.None));

        Assert.Equal(_model.ContextSize, error.ContextSize);
        Assert.True(error.PromptTokens >= _model.ContextSize);
        Assert.Contains($"allows {_model.ContextSize}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{error.PromptTokens} tokens", error.Message, StringComparison.Ordinal);
        Assert.True((await other).OutputTokens > 0);
    }

    [Fact]
    public async Task GenerateAsync_PromptNearContext_StopsWhenContextIsFull()
    {
        var prompt = string.Join(' ', Enumerable.Repeat("the dog", 500));
        var tokens = _model.CountTokens(prompt) + 1;
        while (tokens >= _model.ContextSize - 3)
        {
            prompt = prompt[..(prompt.Length - 8)];
            tokens = _model.CountTokens(prompt) + 1;
        }

        var result = await _model.GenerateAsync(new GenerationRequest { Prompt = prompt, MaxTokens = 100, Grammar = "root ::= [a-z]{50,60}" }, CancellationToken.None);

        Assert.Equal(_model.ContextSize - tokens, result.OutputTokens);
        Assert.Equal(StopReasons.MaxTokens, result.StopReason);
    }

    [Theory]
    [InlineData("root ::= (")]
    [InlineData("start ::= \"a\"")]
    [InlineData("root ::= undefined-rule")]
    [InlineData("root ::= root \"a\" | \"b\"")]
    public async Task GenerateAsync_InvalidGrammar_FailsThatRequestOnly(string grammar)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _model.GenerateAsync(new GenerationRequest { Prompt = "x", Grammar = grammar }, CancellationToken.None));

        Assert.Contains("Grammar was rejected by llama.cpp", error.Message, StringComparison.Ordinal);
        var ok = await _model.GenerateAsync(new GenerationRequest { Prompt = "x", Grammar = TestModel.ActionGrammar, MaxTokens = 32 }, CancellationToken.None);
        Assert.Matches(TestModel.ActionPattern, ok.Text);
    }

    [Theory]
    [InlineData(0, 0.5f, 0.9f, "MaxTokens")]
    [InlineData(5, -1f, 0.9f, "Temperature")]
    [InlineData(5, 0.5f, 0f, "TopP")]
    public async Task GenerateAsync_InvalidRequest_NamesField(int maxTokens, float temperature, float topP, string field)
    {
        var request = new GenerationRequest { Prompt = "x", MaxTokens = maxTokens, Temperature = temperature, TopP = topP };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _model.GenerateAsync(request, CancellationToken.None));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_NoPromptNorUser_Throws()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _model.GenerateAsync(new GenerationRequest { System = "s" }, CancellationToken.None));

        Assert.Contains("User", error.Message, StringComparison.Ordinal);
    }
}
