using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Pruning;

/// <summary>Wraps a counter and records what it was asked: calls, characters, and each text up to a length.</summary>
internal sealed class RecordingCounter(ITokenCounter inner, int keepTextsUpTo = 256) : ITokenCounter
{
    private readonly Lock _lock = new();

    public List<string> Texts { get; } = [];

    public int Calls { get; private set; }

    public long Characters { get; private set; }

    public long LongestText { get; private set; }

    public string Name => inner.Name;

    public int CountTokens(string text)
    {
        lock (_lock)
        {
            Calls++;
            Characters += text.Length;
            LongestText = Math.Max(LongestText, text.Length);
            if (text.Length <= keepTextsUpTo)
            {
                Texts.Add(text);
            }
        }

        return inner.CountTokens(text);
    }

    public void Reset()
    {
        lock (_lock)
        {
            Texts.Clear();
            Calls = 0;
            Characters = 0;
            LongestText = 0;
        }
    }
}
