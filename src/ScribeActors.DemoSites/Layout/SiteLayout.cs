namespace ScribeActors.DemoSites.Layout;

/// <summary>
/// The seed-dependent presentation details: id and class-name suffixes, the order of nav links and some form fields,
/// which distractor elements appear, and the accent colour. Field <c>name</c>s, labels and button texts never depend on it.
/// The same seed always gives the same answers.
/// </summary>
internal sealed class SiteLayout
{
    private static readonly string[] Accents = ["#1f5fa8", "#2d7d46", "#7a3fa0", "#b0452a", "#0f7b8a", "#8a5a00"];

    public SiteLayout(int seed)
    {
        Seed = seed;
        Accent = new SeededRandom(seed, "accent").Pick(Accents);
        Stylesheet = Styles.Build(this);
    }

    public int Seed { get; }

    /// <summary>The brand colour of this layout.</summary>
    public string Accent { get; }

    /// <summary>The CSS for this layout's class names.</summary>
    public string Stylesheet { get; }

    /// <summary>An element id: <paramref name="name"/> plus a seed-dependent suffix.</summary>
    public string Id(string name) => $"{name}-{Suffix("id:" + name)}";

    /// <summary>A class name: <paramref name="name"/> plus a seed-dependent suffix.</summary>
    public string Cls(string name) => $"{name}_{Suffix("cls:" + name)}";

    /// <summary>Several class names at once.</summary>
    public string Cls(string first, string second) => $"{Cls(first)} {Cls(second)}";

    /// <summary>The items in a seed-dependent order, fixed per <paramref name="key"/>.</summary>
    public IReadOnlyList<T> Order<T>(string key, IEnumerable<T> items) => new SeededRandom(Seed, "order:" + key).Shuffled(items);

    /// <summary>Whether the distractor <paramref name="key"/> is shown in this layout.</summary>
    public bool Has(string key, double probability = 0.5) => new SeededRandom(Seed, "has:" + key).NextDouble() < probability;

    /// <summary>A seed-dependent choice among <paramref name="count"/> variants.</summary>
    public int Variant(string key, int count) => new SeededRandom(Seed, "variant:" + key).Next(count);

    private string Suffix(string key) => (new SeededRandom(Seed, key).NextUInt64() & 0xFFFFF).ToString("x5", System.Globalization.CultureInfo.InvariantCulture);
}
