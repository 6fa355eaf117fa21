using System.IO.Compression;
using System.Xml.Linq;

namespace ScribeActors.Deploy.Tests;

/// <summary>The client SDK packs as a NuGet package a business app can consume: its assembly, its README shown on the
/// package page, a description and tags, and a dependency on the contracts package of the same version.</summary>
public sealed class ClientPackageTests
{
    [Fact]
    public async Task Pack_ClientProject_NupkgHoldsAssemblyReadmeAndMetadata()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var built = RepoRoot.Resolve($"src/ScribeActors.Client/bin/{configuration}/net10.0/ScribeActors.Client.dll");
        Assert.True(File.Exists(built), $"{RepoRoot.Relative(built)} is not built: build the solution first (`dotnet build ScribeActors.sln -c {configuration}`).");
        var output = Directory.CreateTempSubdirectory("scribe-pack-");
        try
        {
            // --no-build packs what the solution build made, so the test neither rebuilds nor races another build.
            var pack = await ScriptRunner.RunBashAsync(RepoRoot.FullPath, "-c",
                $"dotnet pack src/ScribeActors.Client/ScribeActors.Client.csproj -c {configuration} --no-build -nologo -o \"$1\"", "pack", output.FullName);
            Assert.True(pack.ExitCode == 0, $"dotnet pack exited {pack.ExitCode}\n{pack.Output}");

            var nupkg = Assert.Single(output.GetFiles("ScribeActors.Client.*.nupkg"));
            using var zip = ZipFile.OpenRead(nupkg.FullName);
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("README.md", entries);
            Assert.Contains("lib/net10.0/ScribeActors.Client.dll", entries);
            Assert.Contains("lib/net10.0/ScribeActors.Client.xml", entries);
            using (var readme = new StreamReader(zip.GetEntry("README.md")!.Open()))
            {
                Assert.StartsWith("# ScribeActors.Client", await readme.ReadToEndAsync(), StringComparison.Ordinal);
            }

            XNamespace ns;
            XElement metadata;
            using (var nuspec = zip.GetEntry("ScribeActors.Client.nuspec")!.Open())
            {
                var document = XDocument.Load(nuspec);
                ns = document.Root!.Name.Namespace;
                metadata = document.Root.Element(ns + "metadata")!;
            }

            Assert.Equal("ScribeActors.Client", metadata.Element(ns + "id")?.Value);
            Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
            Assert.Contains("start, watch, pause, resume, cancel and schedule workflows", metadata.Element(ns + "description")?.Value, StringComparison.Ordinal);
            Assert.Contains("orleans", metadata.Element(ns + "tags")?.Value.Split(' ') ?? [], StringComparer.Ordinal);
            var version = metadata.Element(ns + "version")!.Value;
            var dependencies = metadata.Descendants(ns + "dependency").ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value);
            Assert.Equal(version, dependencies.GetValueOrDefault("ScribeActors.Abstractions"));
            Assert.Contains("Microsoft.Orleans.Client", dependencies.Keys);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
