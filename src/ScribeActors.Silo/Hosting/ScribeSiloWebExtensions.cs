using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;
using ScribeActors.Silo.Api;
using ScribeActors.Silo.Security;
using ScribeActors.Silo.Viewer;

namespace ScribeActors.Silo.Hosting;

/// <summary>The web half of the silo: one HTTP port for the REST API, the run viewer, the dashboard and the health probe.</summary>
public static class ScribeSiloWebExtensions
{
    /// <summary>Binds the web port and registers the web services.</summary>
    public static WebApplicationBuilder AddScribeWeb(this WebApplicationBuilder builder, ScribeSiloOptions silo)
    {
        var bind = silo.ListenOnAnyHostAddress ? "0.0.0.0" : silo.AdvertisedIP;
        builder.WebHost.UseUrls($"http://{bind}:{silo.WebPort}");
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddHealthChecks().AddCheck<BrowserHealthCheck>("browser");
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsDefaults.Customize);
        builder.Services.AddSingleton<RunListReader>();
        return builder;
    }

    /// <summary>Maps the health probe (anonymous, answers only Healthy/Unhealthy), the health details (each check's data,
    /// for example the browser's contexts, renderers and memory), the dashboard, the REST API and the run viewer (all four
    /// behind the API key when one is configured). A change sent by a page of another origin is refused
    /// (<see cref="CrossSiteRequestGuard"/>). Errors are problem details; an unhandled exception gives 500 without a
    /// stack trace.</summary>
    public static WebApplication MapScribeWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCrossSiteRequestGuard();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapHealthChecks("/health/details", new HealthCheckOptions { ResponseWriter = HealthDetailsWriter.WriteAsync });
        app.MapOrleansDashboard("/dashboard");
        app.MapScribeApi();
        app.MapScribeViewer();
        app.MapGet("/", () => Results.Redirect("/dashboard/"));
        return app;
    }
}
