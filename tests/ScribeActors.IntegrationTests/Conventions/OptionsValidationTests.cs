using System.CodeDom.Compiler;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace ScribeActors.IntegrationTests.Conventions;

/// <summary>
/// Options are validated one way: data annotations (and <c>IValidatableObject</c> for rules across fields or entries)
/// checked by a validator the <c>[OptionsValidator]</c> source generator writes, registered with <c>ValidateOnStart</c>.
/// A hand-written <see cref="IValidateOptions{TOptions}"/> or an options class without a validator fails here.
/// </summary>
[Trait("Suite", "Unit")]
public sealed class OptionsValidationTests
{
    private const string Generator = "Microsoft.Extensions.Options.SourceGeneration";

    private static readonly string[] Products =
        ["ScribeActors.Abstractions", "ScribeActors.Agent", "ScribeActors.Browser", "ScribeActors.Client", "ScribeActors.DemoSites", "ScribeActors.Grains", "ScribeActors.Inference", "ScribeActors.Silo"];

    /// <summary>Options classes bound without a validator, each with the reason.</summary>
    private static readonly Dictionary<string, string> Unvalidated = new(StringComparer.Ordinal)
    {
        // Bound before the host exists (the Orleans client is configured from it) and checked there by hand.
        ["ScribeActors.Client.ScribeClientOptions"] = "client builder",
        // Its rule depends on the silo's listening address and raw configuration: ExposurePreflight checks it at start.
        ["ScribeActors.Silo.Security.ScribeAuthOptions"] = "ExposurePreflight",
    };

    [Fact]
    public void Validators_AreAllGenerated()
    {
        var validators = Types().Where(t => !t.IsAbstract && ValidatedOptions(t) is not null).ToList();

        Assert.True(validators.Count >= 7, $"only {validators.Count} options validators found: the scan is looking in the wrong place");
        var handWritten = validators
            .Where(t => t.GetMethod(nameof(IValidateOptions<object>.Validate), [typeof(string), ValidatedOptions(t)!])?.GetCustomAttribute<GeneratedCodeAttribute>()?.Tool != Generator)
            .Select(t => t.FullName);
        Assert.Empty(handWritten);
    }

    [Fact]
    public void OptionsClassesWithASection_EachHaveAValidator()
    {
        var validated = Types().Select(ValidatedOptions).OfType<Type>().ToHashSet();
        var sections = Types().Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true });

        var missing = sections.Where(t => !validated.Contains(t) && !Unvalidated.ContainsKey(t.FullName!)).Select(t => t.FullName);

        Assert.Empty(missing);
    }

    private static IEnumerable<Type> Types() => Products.Select(Assembly.Load).SelectMany(a => a.GetTypes());

    private static Type? ValidatedOptions(Type type) =>
        type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidateOptions<>))?.GetGenericArguments()[0];
}
