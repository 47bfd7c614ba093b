using System.Reflection;
using System.Reflection.Emit;
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

        // Run them the way nanoFramework.UnitTestLauncher 3.0.77 does on the pen: the test class is never constructed,
        // [Setup] runs once before the class's tests and [Cleanup] once after, every method is invoked on a null instance.
        // A test that keeps state in instance fields, or expects a fresh [Setup] per test, fails here as it would there.
        var assembly = Assembly.Load(pe.ToArray());
        int run = 0;
        var failures = new List<string>();
        foreach (var type in assembly.GetTypes().Where(t => t.GetCustomAttributes().Any(a => a.GetType().Name == "TestClassAttribute")))
        {
            var methods = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly);
            MethodInfo[] Marked(string attribute) => methods.Where(m => m.GetCustomAttributes().Any(a => a.GetType().Name == attribute)).ToArray();
            var tests = Marked("TestMethodAttribute");
            string? setupFailure = null;
            foreach (var s in Marked("SetupAttribute"))
                setupFailure ??= Invoke(s);
            foreach (var test in tests)
            {
                string? failure = setupFailure != null ? "[Setup] failed: " + setupFailure : Invoke(test);
                if (failure == null) _out.WriteLine($"pass {type.Name}.{test.Name}");
                else failures.Add($"{type.Name}.{test.Name}: {failure}");
                run++;
            }
            foreach (var c in Marked("CleanupAttribute"))
                if (Invoke(c) is { } cleanupFailure) failures.Add($"{type.Name}.{c.Name} [Cleanup]: {cleanupFailure}");
        }
        Assert.True(run >= 60, $"expected the on-device suite to hold at least 60 tests, found {run}");
        Assert.True(failures.Count == 0, "On-device tests failing on the host build:\n" + string.Join("\n", failures));
    }

    /// <summary>
    /// Invokes a test-class method as the launcher does: with a null instance. .NET reflection refuses that for instance
    /// methods, so the call is emitted as IL (`ldnull; call`), which, like nanoCLR, runs the method until it touches
    /// `this` and then throws NullReferenceException. Returns null or why it failed.
    /// </summary>
    private static string? Invoke(MethodInfo method)
    {
        var call = new DynamicMethod("launch_" + method.Name, typeof(void), Type.EmptyTypes, method.Module, skipVisibility: true);
        var il = call.GetILGenerator();
        if (!method.IsStatic) il.Emit(OpCodes.Ldnull);
        il.Emit(OpCodes.Call, method);
        if (method.ReturnType != typeof(void)) il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ret);
        try
        {
            ((Action)call.CreateDelegate(typeof(Action)))();
            return null;
        }
        catch (Exception e)
        {
            return e.GetType().Name + ": " + e.Message;
        }
    }
}
