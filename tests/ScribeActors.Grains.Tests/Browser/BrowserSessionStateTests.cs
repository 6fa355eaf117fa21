using ScribeActors.Abstractions;
using ScribeActors.Grains.Browser;

namespace ScribeActors.Grains.Tests.Browser;

/// <summary>What a session keeps of the steps it performed, for a workflow whose own record storage lost: a span of time
/// (what an emulator loses when killed), not a fixed number of steps.</summary>
public sealed class BrowserSessionStateTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Remember_QuickStepsWithinTheWindow_KeepsEveryOne()
    {
        // Twenty replay steps, 300 ms apart: more than the 8 kept at least, all inside the 20 s an emulator may lose.
        var state = Performed(20, TimeSpan.FromMilliseconds(300));

        Assert.Equal(Enumerable.Range(0, 20), state.RecentSteps.Select(s => s.Index));
    }

    [Fact]
    public void Remember_StepsOlderThanTheWindow_AreDroppedDownToTheLastEight()
    {
        var state = Performed(20, TimeSpan.FromSeconds(5));

        // The newest started at 95 s: the steps started at 75 s or later are inside the window (15..19), fewer than 8.
        Assert.Equal(Enumerable.Range(12, 8), state.RecentSteps.Select(s => s.Index));
    }

    [Fact]
    public void Remember_SlowStepsPartlyInsideTheWindow_KeepsTheWindow()
    {
        var state = Performed(30, TimeSpan.FromSeconds(1));

        // Newest at 29 s: steps from 9 s on are kept (21 steps), more than the 8 kept at least.
        Assert.Equal(Enumerable.Range(9, 21), state.RecentSteps.Select(s => s.Index));
    }

    [Fact]
    public void Remember_MoreStepsInTheWindowThanTheCap_KeepsTheNewestUpToTheCap()
    {
        var state = Performed(100, TimeSpan.FromMilliseconds(50));

        Assert.Equal(Enumerable.Range(100 - BrowserSessionState.RecentStepCap, BrowserSessionState.RecentStepCap), state.RecentSteps.Select(s => s.Index));
    }

    [Fact]
    public void Remember_WithoutAnIntent_KeepsOnlyTheResult()
    {
        var state = new BrowserSessionState();

        state.Remember("recovery-goto", ActionResult.Success("https://example.test/", TimeSpan.Zero), intent: null);

        Assert.Empty(state.RecentSteps);
        Assert.NotNull(state.FindResult("recovery-goto"));
    }

    [Theory]
    [InlineData(3, "mine", false)] // an older copy this activation wrote: storage lost writes
    [InlineData(3, "before", false)] // the copy this activation started from: storage lost all it wrote
    [InlineData(2, "other", false)] // a copy of an earlier epoch: storage lost the rebuild's writes
    [InlineData(3, null, false)] // written before copies named their writer: nothing says it is another
    [InlineData(3, "other", true)] // another activation rebuilt from the same checkpoint
    [InlineData(4, "other", true)] // a later rebuild
    [InlineData(4, "mine", true)]
    public void IsSupersededBy_TheStoredCopy_TellsAnotherActivationFromLostWrites(int storedEpoch, string? storedWriter, bool superseded)
    {
        var mine = new BrowserSessionState { IsOpen = true, Epoch = 3, WriterId = "mine" };

        Assert.Equal(superseded, mine.IsSupersededBy(new BrowserSessionState { IsOpen = true, Epoch = storedEpoch, WriterId = storedWriter }, basedOn: "before"));
        Assert.False(mine.IsSupersededBy(new BrowserSessionState { IsOpen = false, Epoch = storedEpoch, WriterId = storedWriter }, basedOn: "before"));
    }

    private static BrowserSessionState Performed(int count, TimeSpan apart)
    {
        var state = new BrowserSessionState();
        for (var i = 0; i < count; i++)
        {
            var intent = new StepRecord { Index = i, ActionId = $"w/{i}", Action = BrowserAction.Click(1), StartedAt = Start + (apart * i) };
            state.Remember(intent.ActionId, ActionResult.Success($"https://example.test/{i}", TimeSpan.FromMilliseconds(100)), intent);
        }

        return state;
    }
}
