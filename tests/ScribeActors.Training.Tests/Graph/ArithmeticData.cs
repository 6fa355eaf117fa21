using ScribeActors.Training.Graph;

namespace ScribeActors.Training.Tests.Graph;

/// <summary>"Q: 3+4= A: 7" lines tokenized with the model's own vocabulary: prompt "Q: 3+4= A:", answer " 7" + EOS.</summary>
internal static class ArithmeticData
{
    public static IReadOnlyList<(string Prompt, string Answer)> Lines(int count) =>
        Enumerable.Range(0, count).Select(i => (a: i / 10, b: i % 10)).Select(p => ($"Q: {p.a}+{p.b}= A:", $" {p.a + p.b}")).ToList();

    public static TrainingExample Example(LlamaReference reference, string prompt, string answer)
    {
        var promptTokens = reference.Tokenize(prompt, addBos: true);
        var full = reference.Tokenize(prompt + answer, addBos: true);
        return TrainingExample.FromTokenizations(promptTokens, [.. full, reference.Eos]);
    }

    public static List<TrainingExample> Examples(LlamaReference reference, int count) =>
        Lines(count).Select(l => Example(reference, l.Prompt, l.Answer)).ToList();
}
