namespace ScribeActors.IntegrationTests.Infrastructure;

/// <summary>The one polling helper of these tests: waits for a condition, failing with what was awaited.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Timed out after {patience.TotalSeconds:F0} s waiting for: {what}");
    }
}
