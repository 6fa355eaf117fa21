using System.Globalization;
using ScribeActors.Inference.Gguf;

namespace ScribeActors.Training.Tokenizer;

/// <summary>
/// A SentencePiece-style ("llama") vocabulary as llama.cpp reads it from GGUF: <c>&lt;unk&gt;</c>, <c>&lt;s&gt;</c>,
/// <c>&lt;/s&gt;</c>, the 256 byte tokens, then pieces of text (space written as "▁") with scores; llama.cpp's SPM
/// tokenizer merges the adjacent pair whose joined text is the highest-scoring token first.
/// </summary>
public sealed class SpmVocabulary
{
    /// <summary>The id of <c>&lt;unk&gt;</c>.</summary>
    public const int UnknownId = 0;

    /// <summary>The id of <c>&lt;s&gt;</c> (begin of sequence).</summary>
    public const int BosId = 1;

    /// <summary>The id of <c>&lt;/s&gt;</c> (end of sequence).</summary>
    public const int EosId = 2;

    /// <summary>The id of the byte token <c>&lt;0x00&gt;</c>; byte b has id <c>FirstByteId + b</c>.</summary>
    public const int FirstByteId = 3;

    /// <summary>The space marker SentencePiece writes for ' '.</summary>
    public const char SpaceMarker = '▁';

    private readonly Dictionary<string, int> _ids;

    /// <summary>Creates a vocabulary; throws <see cref="ArgumentException"/> when the special and byte tokens are not where llama.cpp expects them, lengths differ, or a text repeats.</summary>
    public SpmVocabulary(IReadOnlyList<string> tokens, IReadOnlyList<float> scores, IReadOnlyList<SpmTokenType> types, bool addSpacePrefix = true)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(types);
        if (tokens.Count != scores.Count || tokens.Count != types.Count)
        {
            throw new ArgumentException($"The vocabulary has {tokens.Count} tokens, {scores.Count} scores and {types.Count} types; they must match.", nameof(tokens));
        }

        for (var i = 0; i < FirstByteId + 256; i++)
        {
            var (text, type) = Fixed(i);
            if (i >= tokens.Count || tokens[i] != text || types[i] != type)
            {
                throw new ArgumentException($"Token {i} must be '{text}' of type {type} (the llama layout: <unk>, <s>, </s>, then <0x00>..<0xFF>).", nameof(tokens));
            }
        }

        _ids = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (string.IsNullOrEmpty(tokens[i]) || !_ids.TryAdd(tokens[i], i))
            {
                throw new ArgumentException($"Token {i} '{tokens[i]}' is empty or repeats token {(_ids.TryGetValue(tokens[i], out var first) ? first : -1)}.", nameof(tokens));
            }
        }

        Tokens = [.. tokens];
        Scores = [.. scores];
        Types = [.. types];
        AddSpacePrefix = addSpacePrefix;
        Lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The token texts by id.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>The scores by id (for merged pieces: minus their merge rank).</summary>
    public IReadOnlyList<float> Scores { get; }

    /// <summary>The token types by id.</summary>
    public IReadOnlyList<SpmTokenType> Types { get; }

    /// <summary>Whether a space is put before the text (llama.cpp's <c>add_space_prefix</c>, true for llama vocabularies).</summary>
    public bool AddSpacePrefix { get; }

    /// <summary>The number of tokens (the model's n_vocab).</summary>
    public int Count => Tokens.Count;

    internal Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

    /// <summary>The id of the token whose text is <paramref name="text"/>, or -1.</summary>
    public int IdOf(string text) => _ids.TryGetValue(text, out var id) ? id : -1;

    /// <summary>Writes the vocabulary into <paramref name="document"/>'s metadata (the <c>tokenizer.ggml.*</c> keys llama.cpp reads).</summary>
    public void WriteTo(GgufDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Set("tokenizer.ggml.model", GgufValue.String("llama"));
        document.Set("tokenizer.ggml.tokens", GgufValue.Strings(Tokens));
        document.Set("tokenizer.ggml.scores", GgufValue.Float32s(Scores));
        document.Set("tokenizer.ggml.token_type", GgufValue.Int32s(Types.Select(t => (int)t)));
        document.Set("tokenizer.ggml.bos_token_id", GgufValue.UInt32(BosId));
        document.Set("tokenizer.ggml.eos_token_id", GgufValue.UInt32(EosId));
        document.Set("tokenizer.ggml.unknown_token_id", GgufValue.UInt32(UnknownId));
        document.Set("tokenizer.ggml.add_bos_token", GgufValue.Bool(true));
        document.Set("tokenizer.ggml.add_eos_token", GgufValue.Bool(false));
        document.Set("tokenizer.ggml.add_space_prefix", GgufValue.Bool(AddSpacePrefix));
    }

    /// <summary>Reads the vocabulary of a llama GGUF; throws <see cref="InvalidDataException"/> naming the problem when it is not a llama vocabulary in this layout.</summary>
    public static SpmVocabulary ReadFrom(GgufDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        try
        {
            var model = document.Get("tokenizer.ggml.model").AsString();
            if (model != "llama")
            {
                throw new InvalidDataException($"The tokenizer model is '{model}', not 'llama'.");
            }

            var tokens = document.Get("tokenizer.ggml.tokens").AsArray<string>();
            var scores = document.Get("tokenizer.ggml.scores").AsArray<float>();
            var types = document.Get("tokenizer.ggml.token_type").AsArray<int>().Select(t => (SpmTokenType)t).ToArray();
            var prefix = !document.Metadata.TryGetValue("tokenizer.ggml.add_space_prefix", out var p) || p.AsBool();
            return new SpmVocabulary(tokens, scores, types, prefix);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException($"The GGUF holds no usable llama vocabulary: {e.Message}", e);
        }
    }

    /// <summary>The text and type of the fixed tokens 0 … 258.</summary>
    internal static (string Text, SpmTokenType Type) Fixed(int id) => id switch
    {
        UnknownId => ("<unk>", SpmTokenType.Unknown),
        BosId => ("<s>", SpmTokenType.Control),
        EosId => ("</s>", SpmTokenType.Control),
        _ => (string.Create(CultureInfo.InvariantCulture, $"<0x{id - FirstByteId:X2}>"), SpmTokenType.Byte),
    };
}
