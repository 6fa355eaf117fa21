namespace ScribeActors.Silo.Telemetry;

/// <summary>The HTTP pipeline of the OTLP exporters: passes each export on and tells <see cref="OtlpExportWatcher"/>
/// how it went. The exporters send synchronously from their own thread, so both send paths are watched.</summary>
internal sealed class OtlpExportHandler(OtlpExportWatcher watcher) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return Observe(request, base.Send(request, cancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            watcher.Failed(Endpoint(request), e.Message);
            throw;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return Observe(request, await base.SendAsync(request, cancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            watcher.Failed(Endpoint(request), e.Message);
            throw;
        }
    }

    private HttpResponseMessage Observe(HttpRequestMessage request, HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            watcher.Succeeded(Endpoint(request));
        }
        else
        {
            watcher.Failed(Endpoint(request), $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        return response;
    }

    private static Uri Endpoint(HttpRequestMessage request) => request.RequestUri ?? new Uri("http://unknown/");
}
