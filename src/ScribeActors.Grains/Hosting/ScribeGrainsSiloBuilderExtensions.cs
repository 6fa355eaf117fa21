using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.Grains.Inference;
using ScribeActors.Grains.Placement;
using ScribeActors.Inference;
using ScribeActors.Grains.Schedules;
using ScribeActors.Grains.Storage;
using ScribeActors.Grains.Workflows;

namespace ScribeActors.Grains.Hosting;

/// <summary>Registers the ScribeActors grains and what they need on a silo.</summary>
public static class ScribeGrainsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the grains' services, the role placement filter and the browser host, and publishes
    /// <paramref name="roles"/> as silo metadata. The host must also register grain storage named
    /// <see cref="StorageNames.State"/>, a reminder service and an artefact store (<see cref="UseBlobArtifacts"/> or
    /// <see cref="UseInMemoryArtifacts"/>).
    /// </summary>
    public static ISiloBuilder AddScribeGrains(this ISiloBuilder silo, IEnumerable<string> roles)
    {
        var roleList = string.Join(',', roles.Select(r => r.Trim().ToLowerInvariant()).Where(r => r.Length > 0).Distinct());
        silo.UseSiloMetadata(new Dictionary<string, string> { [SiloRoles.MetadataKey] = roleList });
        var services = silo.Services;
        services.AddPlacementFilter<RequireSiloRoleStrategy, RequireSiloRoleDirector>(ServiceLifetime.Singleton);
        services.AddPlacementFilter<RequireModelCapabilityStrategy, RequireModelCapabilityDirector>(ServiceLifetime.Singleton);
        services.AddScribeBrowser();
        services.AddScribeInference(); // the model host is created (and a model loaded) only when an inference grain activates here
        services.TryAddSingleton<IModelPlacementRoles, ModelPlacementRoles>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton<TimeProvider>(ScribeClock.Key, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.TryAddSingleton<StepSourceFactory>();
        services.AddOptions<WorkflowOptions>().BindConfiguration(WorkflowOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkflowOptions>, WorkflowOptionsValidator>());
        services.AddOptions<ScheduleOptions>().BindConfiguration(ScheduleOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScheduleOptions>, ScheduleOptionsValidator>());
        services.AddHostedService<Storage.ArtifactRetention>();
        services.AddSingleton<WorkflowWaker>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<WorkflowWaker>());
        return silo;
    }

    /// <summary>Stores artefacts (observed DOMs, screenshots) as blobs named by content hash.</summary>
    public static ISiloBuilder UseBlobArtifacts(this ISiloBuilder silo, BlobServiceClient blobs)
    {
        silo.Services.AddSingleton<IArtifactStore>(new BlobArtifactStore(blobs));
        return silo;
    }

    /// <summary>Keeps artefacts in memory (single-process tests and tools only: they are lost with the process).</summary>
    public static ISiloBuilder UseInMemoryArtifacts(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<IArtifactStore, InMemoryArtifactStore>();
        return silo;
    }
}
