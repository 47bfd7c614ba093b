using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MnPen.Compat.Checking;
using MnPen.Compat.Reference;

namespace MnPen.Tools.Tests.Compat;

/// <summary>The gate's other reference kind: a folder of nanoFramework assemblies (here a tiny corlib built in memory, laid out like a restored packages folder).</summary>
public sealed class ReferenceAssemblyTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mnpen-refasm-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    // Just enough of a corlib for Roslyn to emit it, plus System.Math with only Abs(int) and Abs(float).
    private const string TinyCorlib = @"
namespace System
{
    public class Object { public Object() { } public virtual string ToString() { return null; } public virtual bool Equals(object o) { return false; } public virtual int GetHashCode() { return 0; } }
    public abstract class ValueType { }
    public abstract class Enum : ValueType { }
    public struct Void { } public struct Boolean { } public struct Char { } public struct Byte { } public struct SByte { }
    public struct Int16 { } public struct UInt16 { } public struct Int32 { } public struct UInt32 { } public struct Int64 { } public struct UInt64 { }
    public struct Single { } public struct Double { } public struct IntPtr { } public struct UIntPtr { }
    public struct RuntimeTypeHandle { } public struct RuntimeFieldHandle { } public struct RuntimeMethodHandle { }
    public sealed class String { public int Length { get { return 0; } } }
    public abstract class Array { }
    public class Attribute { }
    public sealed class ParamArrayAttribute : Attribute { }
    public enum AttributeTargets { All = 32767 }
    public sealed class AttributeUsageAttribute : Attribute { public AttributeUsageAttribute(AttributeTargets t) { } public bool AllowMultiple { get; set; } public bool Inherited { get; set; } }
    public abstract class Delegate { } public abstract class MulticastDelegate : Delegate { }
    public class Exception { } public class Type { }
    public interface IDisposable { void Dispose(); }
    public static class Math { public static int Abs(int value) { return value; } public static float Abs(float value) { return value; } }
}";

    private string BuildReferenceFolder()
    {
        var lib = Path.Combine(_dir, "packages", "nanoFramework.CoreLibrary.1.17.11", "lib");
        Directory.CreateDirectory(lib);
        var c = CSharpCompilation.Create("mscorlib", new[] { CSharpSyntaxTree.ParseText(TinyCorlib) }, Array.Empty<MetadataReference>(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var pe = File.Create(Path.Combine(lib, "mscorlib.dll"));
        var result = c.Emit(pe);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Path.Combine(_dir, "packages");
    }

    [Fact]
    public void Assembly_folder_reference_accepts_listed_overloads_and_rejects_others_naming_the_package()
    {
        var refDir = BuildReferenceFolder();
        Assert.True(ReferenceAssemblyReader.IsAssemblyFolder(refDir));
        var catalog = ReferenceLoader.TryLoad(refDir, out var problem);
        Assert.NotNull(catalog);
        Assert.Equal("assemblies", catalog!.SourceKind);
        Assert.Equal("1.17.11", catalog.PackageVersions["nanoFramework.CoreLibrary"]);

        var dll = PortableCompiler.Compile(Path.Combine(_dir, "app"), "Demo.Abs", @"namespace Demo
{
    public static class Use
    {
        public static int A(int x) { return System.Math.Abs(x); }
        public static double B(double x) { return System.Math.Abs(x); }
    }
}");
        var report = new CompatChecker(catalog, new[] { "Demo.Abs" }, _dir).Check(dll);
        var v = Assert.Single(report.Violations);
        Assert.Equal(CompatRule.MissingMember, v.Rule);
        Assert.Contains("System.Math.Abs(System.Double)", v.Subject);
        Assert.Contains("nanoFramework.CoreLibrary", report.RequiredPackages);
    }
}
