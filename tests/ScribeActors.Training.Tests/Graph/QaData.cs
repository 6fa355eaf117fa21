using ScribeActors.Training.Graph;

namespace ScribeActors.Training.Tests.Graph;

/// <summary>Question/answer lines tokenized with the model's own vocabulary: prompt "Q: 3+4= A:", answer " 7" + EOS.</summary>
internal static class QaData
{
    private static readonly string[] Words =
    [
        "cat", "dog", "sun", "ball", "tree", "bird", "fish", "cake", "boat", "hat",
        "frog", "moon", "star", "book", "duck", "bear", "car", "cup", "egg", "bee",
        "cow", "pig", "box", "toy", "bed", "key", "pen", "bus", "map", "owl",
    ];

    /// <summary>"Q: a+b= A:" → " a+b" for a = i / 10, b = i % 10 (i below <paramref name="count"/>).</summary>
    public static IReadOnlyList<(string Prompt, string Answer)> Sums(int count) =>
        Enumerable.Range(0, count).Select(i => ($"Q: {i / 10}+{i % 10}= A:", $" {i / 10 + i % 10}")).ToList();

    /// <summary>"Q: cat? A:" → a two-digit number fixed per word: a lookup a tiny model memorises in a few epochs
    /// (two-digit sums, which need two operands combined, take stories260K far longer than a test may).</summary>
    public static IReadOnlyList<(string Prompt, string Answer)> Lookups(int count) =>
        Words.Take(count).Select((w, i) => ($"Q: {w}? A:", $" {(i * 37 + 11) % 90 + 10}")).ToList();

    public static TrainingExample Example(LlamaReference reference, string prompt, string answer)
    {
        var promptTokens = reference.Tokenize(prompt, addBos: true);
        var full = reference.Tokenize(prompt + answer, addBos: true);
        return TrainingExample.FromTokenizations(promptTokens, [.. full, reference.Eos]);
    }

    public static List<TrainingExample> Examples(LlamaReference reference, IEnumerable<(string Prompt, string Answer)> lines) =>
        lines.Select(l => Example(reference, l.Prompt, l.Answer)).ToList();
}
