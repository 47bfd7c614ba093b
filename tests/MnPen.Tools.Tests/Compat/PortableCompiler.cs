using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace MnPen.Tools.Tests.Compat;

/// <summary>Compiles small portable-like assemblies in memory, the way the portable projects build (net10.0 reference pack, C# 9).</summary>
internal static class PortableCompiler
{
    private static readonly Lazy<List<MetadataReference>> NetReferences = new(LoadNetReferences);

    /// <summary>Compiles the sources to dir/name.dll with a portable PDB; returns the dll path. Throws with diagnostics on compile errors.</summary>
    public static string Compile(string dir, string name, string source, bool allowUnsafe = false, string fileName = "Portable.cs", LanguageVersion language = LanguageVersion.CSharp9)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, fileName);
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(source, Encoding.UTF8), new CSharpParseOptions(language), path);
        var compilation = CSharpCompilation.Create(name, new[] { tree }, NetReferences.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: allowUnsafe, nullableContextOptions: NullableContextOptions.Disable));
        var dll = Path.Combine(dir, name + ".dll");
        using var pe = File.Create(dll);
        using var pdb = File.Create(Path.Combine(dir, name + ".pdb"));
        var result = compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        if (!result.Success)
            throw new InvalidOperationException("test source does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return dll;
    }

    private static List<MetadataReference> LoadNetReferences()
    {
        // Prefer the reference pack (what the SDK compiles against); fall back to the running framework's assemblies.
        var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var refDir = Directory.Exists(packs)
            ? Directory.GetDirectories(packs).OrderByDescending(d => d, StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "ref", "net" + Environment.Version.Major + ".0")).FirstOrDefault(Directory.Exists)
            : null;
        var files = refDir != null
            ? Directory.GetFiles(refDir, "*.dll")
            : ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Where(f => Path.GetFileName(f).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(f) is "netstandard.dll" or "mscorlib.dll").ToArray();
        return files.Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
    }
}
