using System.Text.Json;
using System.Text.Json.Serialization;
using MnPen.Compat.Checking;
using MnPen.Compat.Reference;

namespace MnPen.Compat;

/// <summary>Runs the compatibility gate end to end: locate reference and assemblies, check, print.</summary>
public static class CompatRunner
{
    /// <summary>Runs the gate, writing the report to output and problems to error.</summary>
    public static CompatOutcome Run(CompatRunOptions options, TextWriter output, TextWriter error)
    {
        var refDir = options.ReferenceDirectory ?? RepositoryLocator.FindSharedApiListings(options.StartDirectory);
        if (refDir == null)
            return Missing(options, error, "no nanoFramework reference found: no --reference given and no ../shared/nanoframework-api beside the repository (MnPen.sln) above " + options.StartDirectory);
        var catalog = ReferenceLoader.TryLoad(refDir, out var problem);
        if (catalog == null) return Missing(options, error, problem);

        var assemblies = options.Assemblies.Count > 0 ? options.Assemblies.ToList() : PortableAssemblies.FindIn(options.DefaultAssemblyDirectory);
        if (assemblies.Count == 0)
        {
            error.WriteLine($"mnpen compat: no portable assemblies found in {options.DefaultAssemblyDirectory}; build the solution first or pass --assembly path/to/MnPen.Xxx.dll");
            return CompatOutcome.BadInput;
        }
        foreach (var a in assemblies.Where(a => !File.Exists(a)))
        {
            error.WriteLine($"mnpen compat: assembly '{a}' not found; pass the path of a built portable assembly (e.g. artifacts/bin/MnPen.Firmware/debug/MnPen.Firmware.dll)");
            return CompatOutcome.BadInput;
        }

        var names = PortableAssemblies.Names.Concat(assemblies.Select(Path.GetFileNameWithoutExtension).OfType<string>());
        var root = RepositoryLocator.FindRepositoryRoot(options.StartDirectory);
        var checker = new CompatChecker(catalog, names, root);
        var reports = new List<AssemblyReport>();
        foreach (var a in assemblies)
        {
            try { reports.Add(checker.Check(a)); }
            catch (BadImageFormatException)
            {
                error.WriteLine($"mnpen compat: '{a}' is not a .NET assembly; pass a built portable assembly (.dll)");
                return CompatOutcome.BadInput;
            }
        }

        var failed = reports.Sum(r => r.Violations.Count) > 0;
        if (options.Json) WriteJson(output, catalog, reports, failed);
        else WriteHuman(output, catalog, reports, failed);
        return failed ? CompatOutcome.Violations : CompatOutcome.Passed;
    }

    private static CompatOutcome Missing(CompatRunOptions options, TextWriter error, string why)
    {
        if (options.SkipIfMissing)
        {
            error.WriteLine($"mnpen compat: SKIPPED - {why} (--skip-if-missing given).");
            return CompatOutcome.Skipped;
        }
        error.WriteLine($"mnpen compat: {why}.");
        error.WriteLine("  Pass --reference <folder> with the nanoFramework API listings (../shared/nanoframework-api) or a folder of nanoFramework");
        error.WriteLine("  reference assemblies (e.g. the packages folder of a restored device project), or --skip-if-missing to skip the check.");
        return CompatOutcome.ReferenceMissing;
    }

    private static void WriteHuman(TextWriter o, ApiCatalog catalog, List<AssemblyReport> reports, bool failed)
    {
        o.WriteLine($"mnpen compat: checking {reports.Count} assemblies against nanoFramework v1 {catalog.SourceKind} in {catalog.Source} ({catalog.PackageVersions.Count} packages, {catalog.TypeCount} types)");
        foreach (var r in reports)
        {
            var status = r.Violations.Count == 0 ? "ok" : $"FAIL ({r.Violations.Count} violation{(r.Violations.Count == 1 ? "" : "s")})";
            o.WriteLine($"  {r.Name,-16} {status}; {r.TypesChecked} types; needs {(r.RequiredPackages.Count == 0 ? "nothing" : string.Join(", ", r.RequiredPackages))}{(r.HasSymbols ? "" : "; no PDB, so no source locations")}");
            foreach (var v in r.Violations.OrderBy(v => v.File ?? "~").ThenBy(v => v.Line ?? 0))
                o.WriteLine($"    {v.Location}: {CompatRules.Id(v.Rule)}: {v.Message}");
        }
        var map = reports.SelectMany(r => r.ForwarderMap).GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} -> {string.Join(", ", g.SelectMany(kv => kv.Value).Distinct().OrderBy(x => x, StringComparer.Ordinal))}");
        o.WriteLine($"  host framework -> nanoFramework: {string.Join("; ", map)}");
        var total = reports.Sum(r => r.Violations.Count);
        o.WriteLine(failed
            ? $"compat: FAIL - {total} violation{(total == 1 ? "" : "s")} in {reports.Count(r => r.Violations.Count > 0)} of {reports.Count} assemblies. Portable code must use only nanoFramework v1 APIs (see team rules and ../shared/nanoframework-api)."
            : $"compat: PASS - {reports.Count} assemblies, 0 violations.");
    }

    private static void WriteJson(TextWriter o, ApiCatalog catalog, List<AssemblyReport> reports, bool failed)
    {
        var doc = new
        {
            passed = !failed,
            reference = new { kind = catalog.SourceKind, path = catalog.Source, packages = catalog.PackageVersions.Count, types = catalog.TypeCount },
            assemblies = reports.Select(r => new
            {
                name = r.Name,
                path = r.Path,
                symbols = r.HasSymbols,
                types = r.TypesChecked,
                required_packages = r.RequiredPackages,
                forwarders = r.ForwarderMap,
                violations = r.Violations.Select(v => new { rule = CompatRules.Id(v.Rule), subject = v.Subject, message = v.Message, where = v.Where, file = v.File, line = v.Line }),
            }),
            violation_count = reports.Sum(r => r.Violations.Count),
        };
        o.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}
