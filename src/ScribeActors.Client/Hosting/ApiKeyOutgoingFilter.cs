using ScribeActors.Abstractions;

namespace ScribeActors.Client.Hosting;

/// <summary>Puts the API key in the request context of every grain call this client makes, where the silos' gateway
/// filter looks for it.</summary>
internal sealed class ApiKeyOutgoingFilter(string apiKey) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        // Inside an async method the change stays local to this call: the caller's request context is untouched.
        RequestContext.Set(ScribeApiKey.RequestContextKey, apiKey);
        await context.Invoke();
    }
}
