using System.Text.RegularExpressions;

namespace MnPen.Compat.Reference;

/// <summary>
/// Reads the nanoFramework signature listings (one *.txt per package, PublicAPI.Shipped.txt style with '#' headers
/// naming package, assembly and version) into an <see cref="ApiCatalog"/>. Written by hand: the format is specific
/// to these listings and no library parses it.
/// </summary>
public static class ListingReader
{
    private static readonly HashSet<string> MemberModifiers = new(StringComparer.Ordinal)
    {
        "static", "extern", "virtual", "override", "abstract", "const", "readonly", "sealed", "new", "unsafe", "protected", "async", "volatile",
    };

    private static readonly Regex TypeLine = new(
        @"^(?:(?:abstract|sealed|static|readonly|ref|unsafe|partial)\s+)*(?<kind>class|struct|interface|enum|delegate)\s+(?<name>.+?)(?:\s+:\s+(?<bases>.+))?$",
        RegexOptions.Compiled);

    private static readonly Dictionary<string, string> Operators = new(StringComparer.Ordinal)
    {
        ["=="] = "op_Equality", ["!="] = "op_Inequality", ["<"] = "op_LessThan", [">"] = "op_GreaterThan",
        ["<="] = "op_LessThanOrEqual", [">="] = "op_GreaterThanOrEqual", ["*"] = "op_Multiply", ["/"] = "op_Division",
        ["%"] = "op_Modulus", ["!"] = "op_LogicalNot", ["~"] = "op_OnesComplement", ["++"] = "op_Increment",
        ["--"] = "op_Decrement", ["&"] = "op_BitwiseAnd", ["|"] = "op_BitwiseOr", ["^"] = "op_ExclusiveOr",
        ["<<"] = "op_LeftShift", [">>"] = "op_RightShift", ["true"] = "op_True", ["false"] = "op_False",
    };

    /// <summary>True if the folder holds at least one listing (a *.txt whose first line is "# package:").</summary>
    public static bool IsListingFolder(string directory) =>
        Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*.txt").Any(f => File.ReadLines(f).FirstOrDefault()?.StartsWith("# package:", StringComparison.Ordinal) == true);

    /// <summary>Loads every listing in the folder.</summary>
    public static ApiCatalog Load(string directory)
    {
        var catalog = new ApiCatalog(Path.GetFullPath(directory), "listings");
        foreach (var file in Directory.EnumerateFiles(directory, "*.txt").OrderBy(f => f, StringComparer.Ordinal))
            LoadFile(catalog, file);
        return catalog;
    }

    /// <summary>Header fields of one listing ("package", "assembly", "version", "depends on").</summary>
    public static Dictionary<string, string> ReadHeader(string file)
    {
        var header = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in File.ReadLines(file))
        {
            if (!line.StartsWith('#')) break;
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[1..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "version") value = value.Split(' ')[0];
            header.TryAdd(key, value);
        }
        return header;
    }

    private static void LoadFile(ApiCatalog catalog, string file)
    {
        var header = ReadHeader(file);
        if (!header.TryGetValue("package", out var package)) return;
        var assembly = header.GetValueOrDefault("assembly", package);
        var version = header.GetValueOrDefault("version", "");
        catalog.PackageVersions[package] = version;
        catalog.AssemblyPackages[assembly] = package;

        var lines = File.ReadLines(file).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        // Pass 1: types, so member lines can be split into "type" + "member" by the longest known type prefix.
        var rawToType = new Dictionary<string, ApiType>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var m = TypeLine.Match(line);
            if (!m.Success || line.Contains(" -> ", StringComparison.Ordinal)) continue;
            var raw = m.Groups["name"].Value.Trim();
            var type = new ApiType(TypeNames.FromCSharp(raw), m.Groups["kind"].Value, assembly, package, version);
            if (m.Groups["bases"].Success)
            {
                var bases = TypeNames.SplitTopLevel(m.Groups["bases"].Value, ',').Select(TypeNames.FromCSharp).ToList();
                if (type.Kind == "class" && bases.Count > 0 && !LooksLikeInterface(bases[0])) { type.BaseType = bases[0]; bases.RemoveAt(0); }
                type.Interfaces.AddRange(bases);
            }
            rawToType[raw] = type;
            catalog.Add(type);
        }
        var rawNames = rawToType.Keys.OrderByDescending(k => k.Length).ToList();

        // Pass 2: members.
        foreach (var line in lines)
        {
            if (TypeLine.IsMatch(line) && !line.Contains(" -> ", StringComparison.Ordinal)) continue;
            var text = line.EndsWith(" (obsolete)", StringComparison.Ordinal) ? line[..^" (obsolete)".Length] : line;
            var arrow = text.LastIndexOf(" -> ", StringComparison.Ordinal);
            var lhs = arrow >= 0 ? text[..arrow] : text;
            var words = lhs.Split(' ');
            int skip = 0;
            while (skip < words.Length - 1 && MemberModifiers.Contains(words[skip])) skip++;
            lhs = string.Join(' ', words.Skip(skip));

            var raw = rawNames.FirstOrDefault(n => lhs.StartsWith(n + ".", StringComparison.Ordinal));
            if (raw == null) continue;
            AddMember(rawToType[raw], raw, lhs[(raw.Length + 1)..]);
        }
    }

    private static bool LooksLikeInterface(string canonical)
    {
        var simple = canonical[(canonical.LastIndexOf('.') + 1)..];
        return simple.Length > 1 && simple[0] == 'I' && char.IsUpper(simple[1]);
    }

    private static void AddMember(ApiType type, string rawTypeName, string member)
    {
        var simpleTypeName = rawTypeName;
        var lt = simpleTypeName.IndexOf('<');
        if (lt >= 0) simpleTypeName = simpleTypeName[..lt];
        simpleTypeName = simpleTypeName[(simpleTypeName.LastIndexOf('.') + 1)..];

        // Property / indexer accessors: "P.get", "this[int i].set".
        if (member.EndsWith(".get", StringComparison.Ordinal) || member.EndsWith(".set", StringComparison.Ordinal))
        {
            var prop = member[..^4];
            var accessor = member[^3..];
            if (prop.StartsWith("this[", StringComparison.Ordinal))
                prop = type.Name == "System.String" ? "Chars" : "Item";
            type.Methods.Add(accessor + "_" + prop + "(*)");
            return;
        }

        var paren = member.IndexOf('(');
        var eq = member.IndexOf(" = ", StringComparison.Ordinal);
        if (paren < 0 || (eq >= 0 && eq < paren))
        {
            // Field, constant, enum value or event: events are listed like fields, so allow their accessors too.
            var name = eq >= 0 ? member[..eq] : member;
            type.Fields.Add(name);
            type.Methods.Add("add_" + name + "(*)");
            type.Methods.Add("remove_" + name + "(*)");
            return;
        }

        var head = member[..paren].Trim();
        var paramText = member[(paren + 1)..member.LastIndexOf(')')];
        string methodName;
        if (head.StartsWith("~", StringComparison.Ordinal)) methodName = "Finalize";
        else if (head.StartsWith("implicit operator", StringComparison.Ordinal)) methodName = "op_Implicit";
        else if (head.StartsWith("explicit operator", StringComparison.Ordinal)) methodName = "op_Explicit";
        else if (head.StartsWith("operator ", StringComparison.Ordinal))
        {
            var op = head["operator ".Length..].Trim();
            var count = TypeNames.SplitTopLevel(paramText, ',').Count;
            methodName = op switch
            {
                "+" => count == 1 ? "op_UnaryPlus" : "op_Addition",
                "-" => count == 1 ? "op_UnaryNegation" : "op_Subtraction",
                _ => Operators.GetValueOrDefault(op, "op_" + op),
            };
        }
        else
        {
            var gen = head.IndexOf('<');
            methodName = gen >= 0 ? head[..gen] : head;
            if (methodName == simpleTypeName || methodName == type.Name[(type.Name.LastIndexOf('.') + 1)..].Split('`')[0]) methodName = ".ctor";
        }

        var parameters = new List<string>();
        bool hasParams = false;
        foreach (var p in TypeNames.SplitTopLevel(paramText, ','))
        {
            var (ptype, isParams) = ParameterType(p);
            parameters.Add(ptype);
            hasParams |= isParams;
        }
        type.Methods.Add(methodName + "(" + string.Join(",", parameters) + ")");
        if (hasParams)
            type.ParamsMethods.Add(new[] { methodName }.Concat(parameters).ToArray());
        // Explicit/implicit conversions are keyed by parameter only; the return type also distinguishes them in IL,
        // but no listed type has two conversions from the same source type.
    }

    private static (string Type, bool IsParams) ParameterType(string parameter)
    {
        var p = parameter.Trim();
        while (p.StartsWith('['))
            p = p[(p.IndexOf(']') + 1)..].TrimStart();
        var eq = p.IndexOf(" = ", StringComparison.Ordinal);
        if (eq >= 0) p = p[..eq];
        bool byRef = false, isParams = false;
        foreach (var mod in new[] { "this ", "scoped ", "params ", "ref readonly ", "ref ", "out ", "in " })
        {
            if (!p.StartsWith(mod, StringComparison.Ordinal)) continue;
            if (mod == "params ") isParams = true;
            else if (mod != "this " && mod != "scoped ") byRef = true;
            p = p[mod.Length..];
        }
        // Last top-level space separates the type from the parameter name.
        int depth = 0, lastSpace = -1;
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] is '<' or '(' or '[') depth++;
            else if (p[i] is '>' or ')' or ']') depth--;
            else if (p[i] == ' ' && depth == 0) lastSpace = i;
        }
        var typeText = lastSpace > 0 ? p[..lastSpace] : p;
        return (TypeNames.FromCSharp(typeText) + (byRef ? "&" : ""), isParams);
    }
}
