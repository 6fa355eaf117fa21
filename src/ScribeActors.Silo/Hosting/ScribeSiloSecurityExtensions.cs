using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ScribeActors.Silo.Security;

namespace ScribeActors.Silo.Hosting;

/// <summary>API keys for the web port and the client gateway.</summary>
public static class ScribeSiloSecurityExtensions
{
    /// <summary>
    /// Checks that a silo reachable beyond loopback has API keys (throws <see cref="ApiKeyConfigurationException"/>
    /// naming the setting otherwise), then requires a key on every web request except the anonymous health probe
    /// (a fallback policy, so endpoints added later are protected too) and on every grain call from a client outside
    /// the cluster.
    /// </summary>
    public static WebApplicationBuilder AddScribeSecurity(this WebApplicationBuilder builder, ScribeSiloOptions silo)
    {
        var auth = ScribeSiloHost.Bind<ScribeAuthOptions>(builder.Configuration, ScribeAuthOptions.SectionName);
        ExposurePreflight.Check(silo, auth, builder.Configuration);

        builder.Services.AddOptions<ScribeAuthOptions>().BindConfiguration(ScribeAuthOptions.SectionName);
        builder.Services.TryAddSingleton(sp => new ApiKeySet(sp.GetRequiredService<IOptions<ScribeAuthOptions>>()));
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build());
        builder.Services.AddSingleton<IIncomingGrainCallFilter, ApiKeyGrainCallFilter>();
        return builder;
    }
}
