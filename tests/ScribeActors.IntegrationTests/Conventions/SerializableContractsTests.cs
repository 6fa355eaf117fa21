using System.Reflection;
using System.Text;
using Orleans;

namespace ScribeActors.IntegrationTests.Conventions;

/// <summary>
/// The wire and storage contract of every product assembly, as a listing compared with the committed
/// <c>SerializableContracts.txt</c>: each <c>[GenerateSerializer]</c> type with its <c>[Alias]</c> and every member's
/// <c>[Id]</c>, name and type (enums: every value), and each grain interface with its alias and method aliases. Orleans'
/// own <c>OrleansContracts.txt</c> (src/ScribeActors.Abstractions) records grain method identities but not serializable
/// types, whose ids are what persisted grain state and in-flight messages depend on: an id renumbered or removed there
/// makes stored workflows unreadable after an upgrade.
/// </summary>
[Trait("Suite", "Unit")]
public sealed class SerializableContractsTests
{
    private const string FileName = "SerializableContracts.txt";

    private static readonly string[] Products =
        ["ScribeActors.Abstractions", "ScribeActors.Agent", "ScribeActors.Browser", "ScribeActors.Client", "ScribeActors.DemoSites", "ScribeActors.Grains", "ScribeActors.Inference", "ScribeActors.Silo"];

    [Fact]
    public void Contracts_MatchTheCommittedListing()
    {
        var actual = Listing();
        var expectedPath = Path.Combine(AppContext.BaseDirectory, "Conventions", FileName);
        var expected = File.ReadAllText(expectedPath).ReplaceLineEndings("\n");
        if (actual == expected)
        {
            return;
        }

        var received = Path.Combine(AppContext.BaseDirectory, "Conventions", "SerializableContracts.received.txt");
        File.WriteAllText(received, actual);
        var expectedBlocks = Blocks(expected);
        var actualBlocks = Blocks(actual);
        var removed = Difference(expectedBlocks, actualBlocks).Select(l => "- " + l);
        var added = Difference(actualBlocks, expectedBlocks).Select(l => "+ " + l);
        Assert.Fail(
            "The serializable contracts differ from tests/ScribeActors.IntegrationTests/Conventions/" + FileName + ".\n" +
            "A '-' line is a type, alias, [Id] or member that changed or disappeared: stored state and older silos or clients " +
            "still use it, so restore it (never renumber or reuse an [Id]; retire a member by keeping its id unused) unless the " +
            "break is intended and reviewed. '+' lines alone are additions: accept them by copying the new listing over the " +
            $"committed file:\n  cp {received} tests/ScribeActors.IntegrationTests/Conventions/{FileName}\n" +
            string.Join("\n", removed.Concat(added)));
    }

    [Fact]
    public void Listing_CoversContractsAndState()
    {
        var listing = Listing();

        Assert.Contains("type scribe.WorkflowSpec = ScribeActors.Abstractions.WorkflowSpec", listing, StringComparison.Ordinal);
        Assert.Contains("type scribe.WorkflowState = ScribeActors.Grains.Workflows.WorkflowState", listing, StringComparison.Ordinal);
        Assert.Contains("interface scribe.IWorkflowGrain = ScribeActors.Abstractions.IWorkflowGrain", listing, StringComparison.Ordinal);
    }

    /// <summary>The listing's blocks: each type or interface line with the member lines under it.</summary>
    private static Dictionary<string, string[]> Blocks(string listing) =>
        listing.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Where(lines => !lines[0].StartsWith('#'))
            .ToDictionary(lines => lines[0], lines => lines[1..], StringComparer.Ordinal);

    /// <summary>What <paramref name="from"/> has that <paramref name="other"/> lacks: whole blocks, or lines of a block
    /// both have (shown after the block's header).</summary>
    private static IEnumerable<string> Difference(Dictionary<string, string[]> from, Dictionary<string, string[]> other) =>
        from.SelectMany(block => other.TryGetValue(block.Key, out var lines)
            ? block.Value.Except(lines, StringComparer.Ordinal).Select(line => $"{block.Key} |{line}")
            : [block.Key + (block.Value.Length == 0 ? "" : $" ({block.Value.Length} members)")]);

    private static string Listing()
    {
        var types = Products.Select(Assembly.Load).SelectMany(a => a.GetTypes()).ToList();
        var text = new StringBuilder();
        text.Append("# Serializable types and grain interfaces of the ScribeActors assemblies (Conventions/SerializableContractsTests).\n");
        text.Append("# Never renumber or reuse an [Id]; add members with new ids. Regenerate: run the test, copy the file it names.\n");
        foreach (var type in types.Where(t => t.IsDefined(typeof(GenerateSerializerAttribute), false)).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append('\n').Append(type.IsEnum ? "enum " : "type ").Append(Alias(type)).Append(" = ").Append(type.FullName);
            if (type.BaseType is { } baseType && baseType.IsDefined(typeof(GenerateSerializerAttribute), false))
            {
                text.Append(" : ").Append(Alias(baseType));
            }

            text.Append('\n');
            foreach (var line in type.IsEnum ? EnumValues(type) : Members(type))
            {
                text.Append("  ").Append(line).Append('\n');
            }
        }

        foreach (var grain in types.Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t) && t.Namespace?.StartsWith("ScribeActors", StringComparison.Ordinal) == true).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append("\ninterface ").Append(Alias(grain)).Append(" = ").Append(grain.FullName).Append('\n');
            foreach (var method in grain.GetMethods().OrderBy(m => Alias(m), StringComparer.Ordinal))
            {
                var parameters = string.Join(", ", method.GetParameters().Select(p => Name(p.ParameterType)));
                text.Append("  ").Append(Alias(method)).Append(": ").Append(method.Name).Append('(').Append(parameters).Append(") -> ").Append(Name(method.ReturnType)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string> Members(Type type) =>
        type.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => (Member: m, Id: m.GetCustomAttribute<IdAttribute>()))
            .Where(m => m.Id is not null && m.Member is PropertyInfo or FieldInfo)
            .OrderBy(m => m.Id!.Id)
            .Select(m => $"{m.Id!.Id}: {m.Member.Name} {Name(m.Member is PropertyInfo p ? p.PropertyType : ((FieldInfo)m.Member).FieldType)}");

    private static IEnumerable<string> EnumValues(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (Value: Convert.ToInt64(f.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture), f.Name))
            .OrderBy(f => f.Value)
            .Select(f => $"{f.Value}: {f.Name}");

    private static string Alias(MemberInfo member) => member.GetCustomAttribute<AliasAttribute>()?.Alias ?? "(no alias)";

    private static string Name(Type type) => type switch
    {
        { IsArray: true } => Name(type.GetElementType()!) + "[]",
        _ when Nullable.GetUnderlyingType(type) is { } underlying => Name(underlying) + "?",
        { IsGenericType: true } => $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>",
        _ => type.Name,
    };
}
