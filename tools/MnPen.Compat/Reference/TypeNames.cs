using System.Text;
using Mono.Cecil;

namespace MnPen.Compat.Reference;

/// <summary>
/// One canonical spelling for type names, shared by the listing parser (C# syntax) and the Cecil side (metadata names):
/// full names with '.' for nesting, C# keywords expanded (int -> System.Int32), generic types as Name`Arity
/// (arguments dropped), by-ref as a trailing '&amp;', arrays as '[]'.
/// </summary>
public static class TypeNames
{
    private static readonly Dictionary<string, string> Keywords = new(StringComparer.Ordinal)
    {
        ["bool"] = "System.Boolean", ["byte"] = "System.Byte", ["sbyte"] = "System.SByte", ["char"] = "System.Char",
        ["short"] = "System.Int16", ["ushort"] = "System.UInt16", ["int"] = "System.Int32", ["uint"] = "System.UInt32",
        ["long"] = "System.Int64", ["ulong"] = "System.UInt64", ["float"] = "System.Single", ["double"] = "System.Double",
        ["decimal"] = "System.Decimal", ["string"] = "System.String", ["object"] = "System.Object", ["void"] = "System.Void",
        ["nint"] = "System.IntPtr", ["nuint"] = "System.UIntPtr",
    };

    /// <summary>Expands a C# keyword type name to its System.* name; other names are returned unchanged.</summary>
    public static string ExpandKeyword(string name) => Keywords.TryGetValue(name, out var full) ? full : name;

    /// <summary>Canonical form of a C#-syntax type as written in the API listings (e.g. "System.Action&lt;T1, T2&gt;[]").</summary>
    public static string FromCSharp(string text)
    {
        var t = text.Trim();
        var suffix = new StringBuilder();
        while (true)
        {
            if (t.EndsWith("[]", StringComparison.Ordinal)) { suffix.Insert(0, "[]"); t = t[..^2].TrimEnd(); continue; }
            if (t.EndsWith('?')) { t = t[..^1]; continue; } // nullable reference annotation: same metadata type
            if (t.EndsWith('*')) { suffix.Insert(0, "*"); t = t[..^1].TrimEnd(); continue; }
            break;
        }
        var lt = t.IndexOf('<');
        if (lt >= 0)
        {
            var inner = t[(lt + 1)..t.LastIndexOf('>')];
            t = t[..lt] + "`" + SplitTopLevel(inner, ',').Count;
        }
        return ExpandKeyword(t) + suffix;
    }

    /// <summary>Canonical form of a metadata type reference (by-ref marked with a trailing '&amp;').</summary>
    public static string FromCecil(TypeReference type)
    {
        switch (type)
        {
            case ByReferenceType br: return FromCecil(br.ElementType) + "&";
            case ArrayType at: return FromCecil(at.ElementType) + "[]";
            case PointerType pt: return FromCecil(pt.ElementType) + "*";
            case RequiredModifierType rm: return FromCecil(rm.ElementType);
            case OptionalModifierType om: return FromCecil(om.ElementType);
            case PinnedType pin: return FromCecil(pin.ElementType);
            case GenericInstanceType gi: return Plain(gi.ElementType);
            case GenericParameter gp: return gp.Name;
            default: return Plain(type);
        }
    }

    /// <summary>Canonical name of a non-composite type: namespace + nesting with '.', arity kept.</summary>
    public static string Plain(TypeReference type)
    {
        if (type.IsNested && type.DeclaringType != null)
            return Plain(type.DeclaringType) + "." + type.Name;
        return string.IsNullOrEmpty(type.Namespace) ? type.Name : type.Namespace + "." + type.Name;
    }

    /// <summary>Splits on a separator outside &lt;&gt;, () and [] brackets.</summary>
    public static List<string> SplitTopLevel(string text, char separator)
    {
        var parts = new List<string>();
        if (text.Trim().Length == 0) return parts;
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '<' or '(' or '[') depth++;
            else if (c is '>' or ')' or ']') depth--;
            else if (c == separator && depth == 0) { parts.Add(text[start..i].Trim()); start = i + 1; }
        }
        parts.Add(text[start..].Trim());
        return parts;
    }
}
