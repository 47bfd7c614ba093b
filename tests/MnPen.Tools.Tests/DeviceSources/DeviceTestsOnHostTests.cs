using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace MnPen.Tools.Tests.DeviceSources;

/// <summary>
/// The on-device tests (tests/MnPen.DeviceTests) are run at review on the nanoFramework runtime. Here they are compiled
/// against a small stand-in for nanoFramework.TestFramework and the host build of the portable assemblies, and run, so a
/// wrong expectation is found before it reaches a pen. (Binding to the real TestFramework API is checked by
/// <see cref="DeviceSourceCompileTests"/>.)
/// </summary>
public sealed class DeviceTestsOnHostTests
{
    private const string TestFrameworkStandIn = @"
namespace nanoFramework.TestFramework
{
    public class TestClassAttribute : System.Attribute { }
    public class TestMethodAttribute : System.Attribute { }
    public class SetupAttribute : System.Attribute { }
    public class CleanupAttribute : System.Attribute { }
    public sealed class Assert
    {
        private static void Fail(string what, string message) { throw new System.Exception(what + (string.IsNullOrEmpty(message) ? """" : "": "" + message)); }
        public static void AreEqual(object expected, object actual, string message = """") { if (!object.Equals(expected, actual)) Fail(""expected "" + expected + "" ("" + (expected == null ? ""null"" : expected.GetType().Name) + ""), got "" + actual + "" ("" + (actual == null ? ""null"" : actual.GetType().Name) + "")"", message); }
        public static void AreNotEqual(object notExpected, object actual, string message = """") { if (object.Equals(notExpected, actual)) Fail($""did not expect {actual}"", message); }
        public static void IsTrue(bool condition, string message = """") { if (!condition) Fail(""expected true"", message); }
        public static void IsFalse(bool condition, string message = """") { if (condition) Fail(""expected false"", message); }
        public static void IsNull(object value, string message = """") { if (value != null) Fail(""expected null"", message); }
        public static void IsNotNull(object value, string message = """") { if (value == null) Fail(""expected non-null"", message); }
    }
}";

    private readonly ITestOutputHelper _out;

    public DeviceTestsOnHostTests(ITestOutputHelper output) => _out = output;

    [Fact]
    public void On_device_tests_pass_against_the_host_build_of_the_portable_core()
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp9);
        var trees = Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "tests", "MnPen.DeviceTests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f)).ToList();
        Assert.NotEmpty(trees);
        trees.Add(CSharpSyntaxTree.ParseText(TestFrameworkStandIn, parse, "TestFrameworkStandIn.cs"));

        var refs = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(f => Path.GetFileName(f).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(f) is "netstandard.dll" or "mscorlib.dll")
            .Concat(MnPen.Compat.PortableAssemblies.FindIn(AppContext.BaseDirectory))
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
        var compilation = CSharpCompilation.Create("MnPen.DeviceTests.Host", trees, refs,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var pe = new MemoryStream();
        var emit = compilation.Emit(pe);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

        var assembly = Assembly.Load(pe.ToArray());
        int run = 0;
        var failures = new List<string>();
        foreach (var type in assembly.GetTypes().Where(t => t.GetCustomAttributes().Any(a => a.GetType().Name == "TestClassAttribute")))
        {
            var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static);
            var setup = methods.Where(m => m.GetCustomAttributes().Any(a => a.GetType().Name == "SetupAttribute")).ToList();
            foreach (var test in methods.Where(m => m.GetCustomAttributes().Any(a => a.GetType().Name == "TestMethodAttribute")))
            {
                var instance = Activator.CreateInstance(type);
                try
                {
                    foreach (var s in setup) s.Invoke(s.IsStatic ? null : instance, null);
                    test.Invoke(test.IsStatic ? null : instance, null);
                    _out.WriteLine($"pass {type.Name}.{test.Name}");
                }
                catch (TargetInvocationException e)
                {
                    failures.Add($"{type.Name}.{test.Name}: {e.InnerException?.Message}");
                }
                run++;
            }
        }
        Assert.True(run >= 20, $"expected the on-device suite to hold at least 20 tests, found {run}");
        Assert.True(failures.Count == 0, "On-device tests failing on the host build:\n" + string.Join("\n", failures));
    }
}
