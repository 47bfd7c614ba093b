using MnPen.Compat;
using MnPen.Compat.Checking;
using MnPen.Compat.DeviceProjects;
using MnPen.Compat.Reference;
using MnPen.Tools.Tests.Compat;
using Xunit.Abstractions;

namespace MnPen.Tools.Tests.DeviceProjects;

/// <summary>The .nfproj device projects stay in step with the portable folders, their packages and the nanoFramework reference.</summary>
public sealed class DeviceProjectTests : IDisposable
{
    private readonly ITestOutputHelper _out;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mnpen-nfproj-" + Guid.NewGuid().ToString("N"));

    public DeviceProjectTests(ITestOutputHelper output) => _out = output;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public void Every_device_project_compiles_exactly_its_folder_and_its_packages_agree_with_packages_config_and_listings()
    {
        if (TestPaths.Listings == null)
            _out.WriteLine("SKIPPED (versions only): ../shared/nanoframework-api is absent, so package versions are not compared with the nanoFramework listings.");
        var problems = DeviceProjectChecker.Check(TestPaths.RepoRoot, TestPaths.Listings);
        Assert.True(problems.Count == 0, "Device project drift (fix with `mnpen compat --sync-device-projects` for compile lists):\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Every_portable_project_has_a_nano_twin_beside_its_csproj()
    {
        foreach (var name in PortableAssemblies.Names)
        {
            var folder = Path.Combine(TestPaths.RepoRoot, PortableAssemblies.Folders[name]);
            Assert.True(File.Exists(Path.Combine(folder, name + ".csproj")), $"{name}.csproj expected in {folder}");
            Assert.True(File.Exists(Path.Combine(folder, name + ".Nano.nfproj")), $"{name}.Nano.nfproj expected in {folder}");
        }
    }

    [Fact]
    public void A_portable_file_missing_from_the_compile_list_or_listed_but_absent_is_reported_and_sync_fixes_both()
    {
        var proj = CopyOfTwin("MnPen.Hal");
        var folder = Path.GetDirectoryName(proj)!;
        Assert.Empty(DeviceProjectChecker.CompileProblems("copy", NfprojFile.Load(proj)));

        File.WriteAllText(Path.Combine(folder, "INewSensor.cs"), "namespace MnPen.Hal { public interface INewSensor { } }");
        File.Delete(Path.Combine(folder, "IClock.cs"));
        Directory.CreateDirectory(Path.Combine(folder, "obj"));
        File.WriteAllText(Path.Combine(folder, "obj", "Generated.cs"), "// build output, never listed");

        var problems = DeviceProjectChecker.CompileProblems("copy", NfprojFile.Load(proj)).ToList();
        Assert.Contains(problems, p => p.Contains("INewSensor.cs is in the folder but not in the Compile list", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Compile list has IClock.cs, which is not in the folder", StringComparison.Ordinal));
        Assert.Equal(2, problems.Count);

        var change = DeviceProjectSync.SyncProject(proj);
        Assert.Contains("added INewSensor.cs", change);
        Assert.Contains("removed IClock.cs", change);
        Assert.Empty(DeviceProjectChecker.CompileProblems("copy", NfprojFile.Load(proj)));
        Assert.Null(DeviceProjectSync.SyncProject(proj));
        // Everything but the compile list is untouched.
        var after = NfprojFile.Load(proj);
        Assert.Contains(after.Imports, i => i.Project.EndsWith("DeviceProjects.targets", StringComparison.Ordinal));
        Assert.NotEmpty(after.References);
    }

    [Fact]
    public void Sync_handles_files_in_subfolders_with_backslash_paths()
    {
        var proj = CopyOfTwin("MnPen.Hal");
        var folder = Path.GetDirectoryName(proj)!;
        Directory.CreateDirectory(Path.Combine(folder, "Sensors"));
        File.WriteAllText(Path.Combine(folder, "Sensors", "Probe.cs"), "namespace MnPen.Hal { }");
        DeviceProjectSync.SyncProject(proj);
        Assert.Contains(@"Sensors\Probe.cs", NfprojFile.Load(proj).Compile);
    }

    [Fact]
    public void A_reference_whose_version_differs_from_packages_config_or_the_listing_is_reported()
    {
        var proj = CopyOfTwin("MnPen.Drivers");
        var config = Path.Combine(Path.GetDirectoryName(proj)!, "packages.config");
        File.WriteAllText(config, File.ReadAllText(config).Replace("version=\"1.5.116\"", "version=\"1.5.999\"", StringComparison.Ordinal));
        var listing = new Dictionary<string, (string Version, string Assembly)>(StringComparer.OrdinalIgnoreCase)
        {
            ["nanoFramework.System.Math"] = ("1.5.116", "System.Math"),
            ["nanoFramework.CoreLibrary"] = ("1.17.11", "mscorlib"),
        };
        var problems = DeviceProjectChecker.PackageProblems("copy", NfprojFile.Load(proj), listing).ToList();
        Assert.Contains(problems, p => p.Contains("uses nanoFramework.System.Math 1.5.116 but packages.config has 1.5.999", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("packages.config has nanoFramework.System.Math 1.5.999, the nanoFramework API listing has 1.5.116", StringComparison.Ordinal));
    }

    [NeedsSharedFact]
    public void Each_portable_twin_references_every_nanoFramework_package_its_compiled_code_needs()
    {
        var assemblies = PortableAssemblies.FindIn(AppContext.BaseDirectory);
        Assert.Equal(PortableAssemblies.Names.Count, assemblies.Count);
        var checker = new CompatChecker(ListingReader.Load(TestPaths.Listings!), PortableAssemblies.Names, TestPaths.RepoRoot);
        foreach (var dll in assemblies)
        {
            var report = checker.Check(dll);
            var nfproj = Path.Combine(TestPaths.RepoRoot, PortableAssemblies.Folders[report.Name], report.Name + ".Nano.nfproj");
            var referenced = DeviceProjectChecker.ReferencedPackages(NfprojFile.Load(nfproj));
            var missing = report.RequiredPackages.Where(p => !referenced.Contains(p)).ToList();
            Assert.True(missing.Count == 0, $"{report.Name}.Nano.nfproj must reference {string.Join(", ", missing)} (its code uses types from them)");
        }
    }

    [NeedsSharedFact]
    public void The_real_portable_assemblies_pass_the_gate()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var outcome = CompatRunner.Run(new CompatRunOptions { ReferenceDirectory = TestPaths.Listings, StartDirectory = TestPaths.RepoRoot }, output, error);
        _out.WriteLine(output.ToString());
        _out.WriteLine(error.ToString());
        Assert.True(outcome == CompatOutcome.Passed, output + error.ToString());
        foreach (var name in PortableAssemblies.Names) Assert.Contains(name, output.ToString());
    }

    private string CopyOfTwin(string name)
    {
        var source = Path.Combine(TestPaths.RepoRoot, PortableAssemblies.Folders[name]);
        // Same depth as in the repository so relative paths stay meaningful.
        var target = Path.Combine(_dir, "a", name);
        Directory.CreateDirectory(target);
        foreach (var f in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(source, f);
            if (rel.Split(Path.DirectorySeparatorChar).Any(s => s is "bin" or "obj")) continue;
            if (!(f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".nfproj", StringComparison.Ordinal) || f.EndsWith("packages.config", StringComparison.Ordinal))) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, rel))!);
            File.Copy(f, Path.Combine(target, rel));
        }
        return Path.Combine(target, name + ".Nano.nfproj");
    }
}
