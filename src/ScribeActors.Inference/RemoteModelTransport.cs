using System.ClientModel.Primitives;

namespace ScribeActors.Inference;

/// <summary>The OpenAI SDK's HTTP transport, marking each request with its model id so that <see cref="RemoteModelHttp"/>
/// applies that model's retries and timeout.</summary>
internal sealed class RemoteModelTransport(HttpClient client, string modelId) : HttpClientPipelineTransport(client)
{
    /// <inheritdoc />
    protected override void OnSendingRequest(PipelineMessage message, HttpRequestMessage httpRequest)
    {
        ArgumentNullException.ThrowIfNull(httpRequest);
        httpRequest.Options.Set(RemoteModelHttp.ModelIdKey, modelId);
    }
}
