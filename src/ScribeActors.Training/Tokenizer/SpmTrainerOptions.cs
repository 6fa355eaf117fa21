namespace ScribeActors.Training.Tokenizer;

/// <summary>How <see cref="SpmTrainer"/> learns a vocabulary.</summary>
public sealed class SpmTrainerOptions
{
    /// <summary>The number of tokens to reach (special and byte tokens included): 259 fixed tokens, the corpus
    /// characters, then merges until this size or until no pair is frequent enough. Default 1024; 300 to 65536.</summary>
    public int VocabSize { get; init; } = 1024;

    /// <summary>The longest piece a merge may make, in UTF-16 characters. Default 16.</summary>
    public int MaxPieceLength { get; init; } = 16;

    /// <summary>A pair seen fewer times than this is not merged. Default 2.</summary>
    public int MinPairFrequency { get; init; } = 2;

    /// <summary>Whether llama.cpp puts a space before each text (written as <c>tokenizer.ggml.add_space_prefix</c>). Default true.</summary>
    public bool AddSpacePrefix { get; init; } = true;

    /// <summary>Control tokens placed at the end of the vocabulary (type 3, score 0), inside <see cref="VocabSize"/>: a
    /// chat template's markers, such as ChatML's <c>&lt;|im_start|&gt;</c> and <c>&lt;|im_end|&gt;</c>, so each is one
    /// token when a prompt is tokenized with special tokens parsed. Default none.</summary>
    public IReadOnlyList<string> ControlTokens { get; init; } = [];

    internal void Validate()
    {
        if (VocabSize is < 300 or > 65536)
        {
            throw new ArgumentOutOfRangeException(nameof(VocabSize), VocabSize, "The vocabulary size must be 300 to 65536 (259 tokens are fixed: <unk>, <s>, </s> and 256 bytes).");
        }

        if (MaxPieceLength < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPieceLength), MaxPieceLength, "Pieces of at least 2 characters must be allowed.");
        }

        if (MinPairFrequency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinPairFrequency), MinPairFrequency, "The minimum pair frequency must be at least 1.");
        }

        if (ControlTokens.Any(string.IsNullOrEmpty) || ControlTokens.Distinct(StringComparer.Ordinal).Count() != ControlTokens.Count)
        {
            throw new ArgumentException("Control tokens must be distinct, non-empty texts.", nameof(ControlTokens));
        }

        if (ControlTokens.Count > VocabSize - 300)
        {
            throw new ArgumentOutOfRangeException(nameof(ControlTokens), ControlTokens.Count, $"{ControlTokens.Count} control tokens leave too little of a {VocabSize}-token vocabulary.");
        }
    }
}
