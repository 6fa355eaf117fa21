using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Pruning;

public class CachingTokenCounterTests
{
    private sealed class CountingCounter : ITokenCounter
    {
        private int _calls;

        public int Calls => _calls;

        public string Name => "counting";

        public int CountTokens(string text)
        {
            Interlocked.Increment(ref _calls);
            return text.Length;
        }
    }

    [Fact]
    public void CountTokens_SameTextTwice_CallsInnerOnce()
    {
        var inner = new CountingCounter();
        var cache = new CachingTokenCounter(inner);

        Assert.Equal(5, cache.CountTokens("hello"));
        Assert.Equal(5, cache.CountTokens("hello"));
        Assert.Equal(1, inner.Calls);
        Assert.Equal("counting", cache.Name);
    }

    [Fact]
    public void CountTokens_OverCapacity_EvictsLeastRecentlyUsed()
    {
        var inner = new CountingCounter();
        var cache = new CachingTokenCounter(inner, capacity: 2);

        cache.CountTokens("a");
        cache.CountTokens("b");
        cache.CountTokens("a"); // a is now the most recent
        cache.CountTokens("c"); // evicts b
        Assert.Equal(2, cache.Count);
        var before = inner.Calls;
        cache.CountTokens("a");
        Assert.Equal(before, inner.Calls);
        cache.CountTokens("b");
        Assert.Equal(before + 1, inner.Calls);
    }

    [Fact]
    public void CountTokens_LongText_NotCached()
    {
        var inner = new CountingCounter();
        var cache = new CachingTokenCounter(inner, maxCachedLength: 4);

        cache.CountTokens("12345");
        cache.CountTokens("12345");

        Assert.Equal(2, inner.Calls);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void CountTokens_ManyThreads_ConsistentAndBounded()
    {
        var inner = new CountingCounter();
        var cache = new CachingTokenCounter(inner, capacity: 64);

        Parallel.For(0, 20_000, i =>
        {
            var text = "t" + (i % 200).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(text.Length, cache.CountTokens(text));
        });

        Assert.InRange(cache.Count, 1, 64);
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new CachingTokenCounter(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CachingTokenCounter(new CountingCounter(), capacity: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CachingTokenCounter(new CountingCounter(), maxCachedLength: -1));
    }
}
