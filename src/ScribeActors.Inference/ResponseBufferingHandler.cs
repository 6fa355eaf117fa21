namespace ScribeActors.Inference;

/// <summary>Reads the whole response body before returning it, so that reading it counts against the attempt's timeout
/// and a body cut off mid-way fails the attempt (and may be retried) instead of the caller's parse.</summary>
internal sealed class ResponseBufferingHandler : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
