using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MnPen.Compat;
using MnPen.Tools.Tests.Compat;
using Xunit.Abstractions;

namespace MnPen.Tools.Tests.DeviceSources;

/// <summary>
/// The device-only sources (ESP32 HAL, device program, on-device tests, device tick benchmark) cannot be built here with the nanoFramework
/// toolchain, so they are compiled against C# stubs generated from the nanoFramework v1 listings: any API the listings
/// do not have, or a wrong signature, fails here.
/// </summary>
public sealed class DeviceSourceCompileTests
{
    private static readonly string[] DeviceOnlyFolders = { "hal/MnPen.Hal.Esp32", "firmware/MnPen.Firmware.Device", "tests/MnPen.DeviceTests", "tools/MnPen.DeviceBench" };
    private readonly ITestOutputHelper _out;

    public DeviceSourceCompileTests(ITestOutputHelper output) => _out = output;

    private static IEnumerable<string> Sources(string folder) =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(TestPaths.RepoRoot, f).Split(Path.DirectorySeparatorChar).Any(s => s is "bin" or "obj"));

    [NeedsSharedFact]
    public void Device_only_sources_compile_against_the_nanoFramework_v1_listings()
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp9);
        var trees = new List<SyntaxTree>();
        foreach (var (name, source) in NanoStubGenerator.Generate(TestPaths.Listings!))
            trees.Add(CSharpSyntaxTree.ParseText(source, parse, "stub/" + name + ".cs"));
        foreach (var folder in PortableAssemblies.Folders.Values.Concat(DeviceOnlyFolders))
            foreach (var file in Sources(folder))
                trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(file), parse, Path.GetRelativePath(TestPaths.RepoRoot, file).Replace('\\', '/')));

        var compilation = CSharpCompilation.Create("NanoDeviceCheck", trees, Array.Empty<MetadataReference>(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var deviceErrors = errors.Where(d => DeviceOnlyFolders.Any(f => (d.Location.SourceTree?.FilePath ?? "").StartsWith(f, StringComparison.Ordinal))).ToList();
        var portableErrors = errors.Where(d => PortableAssemblies.Folders.Values.Any(f => (d.Location.SourceTree?.FilePath ?? "").StartsWith(f + "/", StringComparison.Ordinal))).ToList();
        _out.WriteLine($"{trees.Count} trees; {errors.Count} errors in total ({deviceErrors.Count} device-only, {portableErrors.Count} portable, rest in the generated stubs).");
        foreach (var d in portableErrors.Take(20)) _out.WriteLine("portable (informational): " + d);
        Assert.True(deviceErrors.Count == 0, "Device-only sources use APIs not in nanoFramework v1 (or misuse them):\n" + string.Join("\n", deviceErrors.Take(40)));
        Assert.True(trees.Count > 40, "expected the stubs plus the portable and device sources");
    }

    [NeedsSharedFact]
    public void Misused_nanoFramework_APIs_fail_the_stub_compile()
    {
        const string misuse = @"namespace Probe
{
    public static class Misuse
    {
        public static void Run()
        {
            var pwm = System.Device.Pwm.PwmChannel.CreateFromPin(5, 20000, 0.5);
            pwm.DutyCycle = 0.25;                                   // exists: must not be reported
            var t = System.DateTime.Now;                            // v1 has UtcNow only
            int c = System.Math.Clamp(1, 2, 3);                     // no int overload in v1
            ulong us = nanoFramework.Hardware.Esp32.HighResTimer.GetCurrentMicros(); // invented name
        }
    }
}";
        var parse = new CSharpParseOptions(LanguageVersion.CSharp9);
        var trees = NanoStubGenerator.Generate(TestPaths.Listings!).Select(g => CSharpSyntaxTree.ParseText(g.Source, parse, "stub/" + g.Name + ".cs")).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(misuse, parse, "probe/Misuse.cs"));
        var errors = CSharpCompilation.Create("Probe", trees, Array.Empty<MetadataReference>(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath == "probe/Misuse.cs").ToList();
        foreach (var e in errors) _out.WriteLine(e.ToString());
        var lines = errors.Select(e => e.Location.GetLineSpan().StartLinePosition.Line + 1).Distinct().OrderBy(l => l).ToArray();
        Assert.Equal(new[] { 9, 10, 11 }, lines);
    }
}
