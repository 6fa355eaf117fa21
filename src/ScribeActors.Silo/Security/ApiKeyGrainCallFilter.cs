using Microsoft.Extensions.Logging;
using ScribeActors.Abstractions;

namespace ScribeActors.Silo.Security;

/// <summary>
/// Protects the client gateway: a grain call that comes from an Orleans client outside the cluster must carry a
/// configured API key in its <c>RequestContext</c> (<see cref="ScribeApiKey.RequestContextKey"/>), or it fails with
/// <see cref="ScribeUnauthorizedException"/> before the grain runs. Calls from inside the cluster pass: grain to grain,
/// timers (no source), reminders and other system targets (a system-target source), and the silo's own hosted client
/// that serves the REST API and dashboard (a client id <c>hosted-…</c>, already authenticated over HTTP). A keyless
/// client may still fetch the cluster manifest, which every client does while connecting, so it connects and then
/// gets the clear exception on its first real call. The key is removed from the request context once checked, so it
/// never travels further with the grain's own calls.
/// </summary>
/// <remarks>The source id is what the calling process says it is: this stops stock Orleans clients (the SDK, the CLI)
/// that lack the key, not a hand-built client forging a grain id. Keep the gateway and silo ports on a private
/// network (see README, "Security").</remarks>
public sealed partial class ApiKeyGrainCallFilter(ApiKeySet keys, ILogger<ApiKeyGrainCallFilter> logger) : IIncomingGrainCallFilter
{
    private const string HostedClientPrefix = "hosted-";
    private static readonly GrainType ManifestProvider = SystemTargetGrainId.CreateGrainType("manifest");

    /// <inheritdoc />
    public Task Invoke(IIncomingGrainCallContext context)
    {
        var presented = RequestContext.Get(ScribeApiKey.RequestContextKey) as string;
        if (presented is not null)
        {
            RequestContext.Remove(ScribeApiKey.RequestContextKey);
        }

        if (!keys.Required || !IsExternalClient(context.SourceId) || context.TargetId.Type.Equals(ManifestProvider) || keys.Matches(presented))
        {
            return context.Invoke();
        }

        LogRejectedCall(logger, context.InterfaceName, context.MethodName, context.SourceId?.ToString() ?? "unknown", presented is not null ? "not valid" : "missing");
        throw new ScribeUnauthorizedException(presented is not null);
    }

    /// <summary>True for a client outside the cluster; false for grains, system targets, timers and silos' hosted clients.</summary>
    internal static bool IsExternalClient(GrainId? source) =>
        source is { } id && id.IsClient() && !id.Key.ToString()!.StartsWith(HostedClientPrefix, StringComparison.Ordinal);
}
