using ScribeActors.Inference.Gguf;
using ScribeActors.Training.Tokenizer;

namespace ScribeActors.Training.Tests.Tokenizer;

public sealed class SpmTrainerTests
{
    private static readonly string[] Corpus =
    [
        "<button> Submit invoice </button>",
        "<button> Submit expense </button>",
        "<a> Invoices </a> <a> Expenses </a>",
        "<input name=amount> <input name=invoice>",
    ];

    [Fact]
    public void Train_Corpus_HasTheLlamaLayoutThenCharactersThenMerges()
    {
        var vocabulary = SpmTrainer.Train(Corpus, new SpmTrainerOptions { VocabSize = 320 });

        Assert.Equal(["<unk>", "<s>", "</s>", "<0x00>"], vocabulary.Tokens.Take(4));
        Assert.Equal("<0xFF>", vocabulary.Tokens[258]);
        Assert.Equal([SpmTokenType.Unknown, SpmTokenType.Control, SpmTokenType.Control], vocabulary.Types.Take(3));
        Assert.All(vocabulary.Types.Skip(3).Take(256), t => Assert.Equal(SpmTokenType.Byte, t));
        Assert.Equal("▁", vocabulary.Tokens[259]); // the most frequent character
        var distinctChars = string.Concat(Corpus).Replace(' ', '▁').Distinct().Count();
        var merges = vocabulary.Tokens.Skip(259 + distinctChars).ToList();
        Assert.All(vocabulary.Tokens.Skip(259).Take(distinctChars), t => Assert.Single(t));
        Assert.Equal(Enumerable.Range(0, merges.Count).Select(r => (float)-r), vocabulary.Scores.Skip(259 + distinctChars));
        Assert.Contains("▁Submit", merges);
        Assert.DoesNotContain(merges, m => m.IndexOf('▁', 1) > 0); // merges never cross a word
    }

    [Fact]
    public void Train_SameCorpusTwice_GivesTheSameGgufBytes()
    {
        var a = Bytes(SpmTrainer.Train(Corpus, new SpmTrainerOptions { VocabSize = 330 }));
        var b = Bytes(SpmTrainer.Train(Corpus.ToList(), new SpmTrainerOptions { VocabSize = 330 }));
        var other = Bytes(SpmTrainer.Train(Corpus.Reverse().Append("other words"), new SpmTrainerOptions { VocabSize = 330 }));

        Assert.Equal(a, b);
        Assert.NotEqual(a, other);
    }

    [Fact]
    public void Train_LargerTarget_StopsWhenNoPairRepeats()
    {
        var vocabulary = SpmTrainer.Train(Corpus, new SpmTrainerOptions { VocabSize = 4096 });

        Assert.InRange(vocabulary.Count, 300, 1000);
        // Every word seen twice is one token; "▁invoice" is seen once and stays in pieces.
        var ids = new SpmTokenizer(vocabulary).Encode(Corpus[0]);
        Assert.Equal(vocabulary.IdOf("▁<button>"), ids[0]);
        Assert.Equal(vocabulary.IdOf("▁Submit"), ids[1]);
        Assert.Equal(vocabulary.IdOf("▁</button>"), ids[^1]);
        Assert.Equal(-1, vocabulary.IdOf("▁invoice"));
        Assert.InRange(ids.Length, 5, 9);
    }

    [Fact]
    public void Train_MaxPieceLength_LimitsEveryPiece()
    {
        var vocabulary = SpmTrainer.Train(Corpus, new SpmTrainerOptions { VocabSize = 4096, MaxPieceLength = 4 });

        Assert.All(vocabulary.Tokens.Skip(259), t => Assert.InRange(t.Length, 1, 4));
    }

    [Fact]
    public void Train_EmptyCorpus_FailsClearly()
    {
        var error = Assert.Throws<ArgumentException>(() => SpmTrainer.Train([], new SpmTrainerOptions()));

        Assert.Contains("corpus is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_VocabSizeTooSmall_NamesTheFixedTokens()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SpmTrainer.Train(Corpus, new SpmTrainerOptions { VocabSize = 200 }));

        Assert.Contains("259 tokens are fixed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFrom_WrittenVocabulary_ReadsTheSameTokensScoresAndTypes()
    {
        var vocabulary = SpmTrainer.Train(Corpus, new SpmTrainerOptions { VocabSize = 330 });
        var document = new GgufDocument();
        vocabulary.WriteTo(document);

        var reread = SpmVocabulary.ReadFrom(GgufReader.Read(new MemoryStream(ToBytes(document))));

        Assert.Equal(vocabulary.Tokens, reread.Tokens);
        Assert.Equal(vocabulary.Scores, reread.Scores);
        Assert.Equal(vocabulary.Types, reread.Types);
        Assert.Equal("llama", document.Get("tokenizer.ggml.model").AsString());
        Assert.True(document.Get("tokenizer.ggml.add_bos_token").AsBool());
        Assert.Equal(1, document.Get("tokenizer.ggml.bos_token_id").AsInt64());
    }

    [Fact]
    public void ReadFrom_GgufWithoutVocabulary_SaysWhatIsMissing()
    {
        var error = Assert.Throws<InvalidDataException>(() => SpmVocabulary.ReadFrom(new GgufDocument()));

        Assert.Contains("tokenizer.ggml.model", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Bytes(SpmVocabulary vocabulary)
    {
        var document = new GgufDocument();
        vocabulary.WriteTo(document);
        return ToBytes(document);
    }

    private static byte[] ToBytes(GgufDocument document)
    {
        using var stream = new MemoryStream();
        GgufWriter.Write(document, stream);
        return stream.ToArray();
    }
}
