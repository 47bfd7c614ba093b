using Mono.Cecil;

namespace MnPen.Compat.Reference;

/// <summary>
/// Builds an <see cref="ApiCatalog"/> from real nanoFramework assemblies: a folder of *.dll (searched recursively, so a
/// NuGet packages folder with packages/&lt;id&gt;.&lt;ver&gt;/lib/*.dll works too). Public and protected members only.
/// </summary>
public static class ReferenceAssemblyReader
{
    /// <summary>True if the folder (recursively) holds an mscorlib.dll, i.e. looks like nanoFramework reference assemblies.</summary>
    public static bool IsAssemblyFolder(string directory) =>
        Directory.Exists(directory) && Directory.EnumerateFiles(directory, "mscorlib.dll", SearchOption.AllDirectories).Any();

    /// <summary>Loads every assembly in the folder.</summary>
    public static ApiCatalog Load(string directory)
    {
        var catalog = new ApiCatalog(Path.GetFullPath(directory), "assemblies");
        foreach (var file in Directory.EnumerateFiles(directory, "*.dll", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            ModuleDefinition module;
            try { module = ModuleDefinition.ReadModule(file, new ReaderParameters { ReadSymbols = false }); }
            catch (BadImageFormatException) { continue; }
            using (module)
            {
                var package = PackageOf(file);
                catalog.AssemblyPackages.TryAdd(module.Assembly.Name.Name, package.Id);
                if (package.Id.Length > 0) catalog.PackageVersions.TryAdd(package.Id, package.Version);
                foreach (var type in module.GetTypes())
                    if (IsVisible(type)) catalog.Add(ToApiType(type, module.Assembly.Name.Name, package));
            }
        }
        return catalog;
    }

    private static (string Id, string Version) PackageOf(string file)
    {
        // packages/<id>.<version>/lib/<asm>.dll: split the folder name at the first ".<digit>".
        var dir = Path.GetDirectoryName(Path.GetDirectoryName(file)) is { } d ? Path.GetFileName(d) : "";
        for (int i = 0; i + 1 < dir.Length; i++)
            if (dir[i] == '.' && char.IsDigit(dir[i + 1])) return (dir[..i], dir[(i + 1)..]);
        return ("", "");
    }

    private static bool IsVisible(TypeDefinition t)
    {
        for (var x = t; x != null; x = x.DeclaringType)
            if (!(x.IsPublic || x.IsNestedPublic || x.IsNestedFamily || x.IsNestedFamilyOrAssembly)) return false;
        return true;
    }

    private static ApiType ToApiType(TypeDefinition t, string assembly, (string Id, string Version) package)
    {
        var kind = t.IsEnum ? "enum" : t.IsInterface ? "interface" : t.IsValueType ? "struct"
            : t.BaseType?.FullName == "System.MulticastDelegate" ? "delegate" : "class";
        var api = new ApiType(TypeNames.Plain(t), kind, assembly, package.Id, package.Version)
        {
            BaseType = t.BaseType == null ? null : TypeNames.FromCecil(t.BaseType),
        };
        foreach (var i in t.Interfaces) api.Interfaces.Add(TypeNames.FromCecil(i.InterfaceType));
        foreach (var m in t.Methods)
        {
            if (!(m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly)) continue;
            var ps = m.Parameters.Select(p => TypeNames.FromCecil(p.ParameterType)).ToList();
            api.Methods.Add(m.Name + "(" + string.Join(",", ps) + ")");
            if (m.Parameters.Count > 0 && m.Parameters[^1].CustomAttributes.Any(a => a.AttributeType.Name == "ParamArrayAttribute"))
                api.ParamsMethods.Add(new[] { m.Name }.Concat(ps).ToArray());
        }
        foreach (var f in t.Fields)
            if (f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly) api.Fields.Add(f.Name);
        return api;
    }
}
