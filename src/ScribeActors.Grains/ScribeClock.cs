namespace ScribeActors.Grains;

/// <summary>
/// The DI key of the <see cref="TimeProvider"/> the grains read time from. It defaults to the host's TimeProvider;
/// tests replace it with a fake clock without moving Orleans' own timers.
/// </summary>
public static class ScribeClock
{
    /// <summary>The service key.</summary>
    public const string Key = "scribe";
}
