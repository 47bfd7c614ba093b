using System.Text;
using System.Text.RegularExpressions;

namespace MnPen.Tools.Tests.DeviceSources;

/// <summary>
/// Turns the nanoFramework signature listings into compilable C# stubs (bodies throw), so device-only sources can be
/// compiled here against exactly the v1 API. The listings omit delegate signatures; the ones the device code can meet
/// are supplied below from the nanoFramework sources. Imperfections only produce errors inside the stub trees, which the
/// caller ignores; what matters is that device code binds to the listed members and nothing else.
/// </summary>
internal static class NanoStubGenerator
{
    private static readonly Regex TypeLine = new(
        @"^(?<mods>(?:(?:abstract|sealed|static|readonly|ref|unsafe|partial)\s+)*)(?<kind>class|struct|interface|enum|delegate)\s+(?<name>.+?)(?:\s+:\s+(?<bases>.+))?$");

    private static readonly HashSet<string> MemberModifiers = new(StringComparer.Ordinal)
        { "static", "extern", "virtual", "override", "abstract", "const", "readonly", "sealed", "new", "unsafe" };

    private static readonly Dictionary<string, string> Keyword = new(StringComparer.Ordinal)
    {
        ["bool"] = "Boolean", ["byte"] = "Byte", ["sbyte"] = "SByte", ["char"] = "Char", ["short"] = "Int16", ["ushort"] = "UInt16",
        ["int"] = "Int32", ["uint"] = "UInt32", ["long"] = "Int64", ["ulong"] = "UInt64", ["float"] = "Single", ["double"] = "Double",
        ["string"] = "String", ["object"] = "Object", ["void"] = "Void", ["decimal"] = "Decimal",
    };

    /// <summary>Delegate signatures (parameter lists and return type) by full name; the listings give only the name.</summary>
    private static readonly Dictionary<string, string> Delegates = new(StringComparer.Ordinal)
    {
        ["System.Action"] = "void ()",
        ["System.Action<T>"] = "void (T obj)",
        ["System.Action<T1, T2>"] = "void (T1 arg1, T2 arg2)",
        ["System.Func<TResult>"] = "TResult ()",
        ["System.Func<T, TResult>"] = "TResult (T arg)",
        ["System.Func<T1, T2, TResult>"] = "TResult (T1 arg1, T2 arg2)",
        ["System.EventHandler"] = "void (object sender, System.EventArgs e)",
        ["System.EventHandler<TEventArgs>"] = "void (object sender, TEventArgs e)",
        ["System.AsyncCallback"] = "void (System.IAsyncResult ar)",
        ["System.Threading.ThreadStart"] = "void ()",
        ["System.Threading.TimerCallback"] = "void (object state)",
        ["System.Device.Gpio.PinValueChangedEventHandler"] = "void (object sender, System.Device.Gpio.PinValueChangedEventArgs e)",
        ["System.Device.Gpio.PinChangeEventHandler"] = "void (object sender, System.Device.Gpio.PinValueChangedEventArgs e)",
        ["nanoFramework.Hardware.Esp32.HighResTimerExpiredEventHandler"] = "void (nanoFramework.Hardware.Esp32.HighResTimer sender, object e)",
        ["System.IO.Ports.SerialDataReceivedEventHandler"] = "void (object sender, System.IO.Ports.SerialDataReceivedEventArgs e)",
        ["nanoFramework.Runtime.Events.NativeEventHandler"] = "void (uint data1, uint data2, System.DateTime time)",
        ["nanoFramework.Runtime.Native.RebootEventHandler"] = "void ()",
    };

    private sealed class TypeInfo
    {
        public required string Raw;        // as in the listing (C# syntax, keywords for primitives)
        public required string FullName;   // dotted, keywords expanded
        public required string Kind;
        public required string Modifiers;
        public string? Bases;
        public readonly List<string> Members = new();
        public readonly List<TypeInfo> Nested = new();
        public TypeInfo? Parent;
        public string Simple => Strip(FullName[(FullName.LastIndexOf('.', FullName.IndexOf('<') < 0 ? FullName.Length - 1 : FullName.IndexOf('<')) + 1)..]);
        public string Namespace => Parent != null ? "" : FullName.Contains('.') ? FullName[..FullName.LastIndexOf('.', FullName.IndexOf('<') < 0 ? FullName.Length - 1 : FullName.IndexOf('<'))] : "";
        private static string Strip(string s) => s;
    }

    /// <summary>One C# source text per listing file.</summary>
    public static List<(string Name, string Source)> Generate(string listingsDirectory)
    {
        var result = new List<(string, string)>();
        foreach (var file in Directory.EnumerateFiles(listingsDirectory, "*.txt").OrderBy(f => f, StringComparer.Ordinal))
            result.Add((Path.GetFileNameWithoutExtension(file), GenerateFile(File.ReadAllLines(file))));
        return result;
    }

    private static string Expand(string raw)
    {
        var lt = raw.IndexOf('<');
        var head = lt < 0 ? raw : raw[..lt];
        var tail = lt < 0 ? "" : raw[lt..];
        return (Keyword.TryGetValue(head, out var k) ? "System." + k : head) + tail;
    }

    private static string GenerateFile(string[] lines)
    {
        var body = lines.Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var types = new Dictionary<string, TypeInfo>(StringComparer.Ordinal);
        foreach (var line in body)
        {
            if (line.Contains(" -> ", StringComparison.Ordinal)) continue;
            var m = TypeLine.Match(line);
            if (!m.Success) continue;
            var raw = m.Groups["name"].Value.Trim();
            types[raw] = new TypeInfo
            {
                Raw = raw, FullName = Expand(raw), Kind = m.Groups["kind"].Value, Modifiers = m.Groups["mods"].Value.Trim(),
                Bases = m.Groups["bases"].Success ? m.Groups["bases"].Value : null,
            };
        }
        var byLength = types.Keys.OrderByDescending(k => k.Length).ToList();
        foreach (var line in body)
        {
            if (!line.Contains(" -> ", StringComparison.Ordinal)) continue;
            var text = line.EndsWith(" (obsolete)", StringComparison.Ordinal) ? line[..^11] : line;
            var words = text.Split(' ');
            int skip = 0;
            while (skip < words.Length - 1 && MemberModifiers.Contains(words[skip])) skip++;
            var rest = string.Join(' ', words.Skip(skip));
            var owner = byLength.FirstOrDefault(n => rest.StartsWith(n + ".", StringComparison.Ordinal));
            if (owner != null) types[owner].Members.Add(text);
        }
        // Nesting: a type whose name prefix is another type.
        foreach (var t in types.Values)
        {
            var parentRaw = byLength.FirstOrDefault(n => n != t.Raw && t.Raw.StartsWith(n + ".", StringComparison.Ordinal));
            if (parentRaw != null) { t.Parent = types[parentRaw]; types[parentRaw].Nested.Add(t); }
        }

        var sb = new StringBuilder();
        sb.AppendLine("#pragma warning disable");
        foreach (var group in types.Values.Where(t => t.Parent == null).GroupBy(t => t.Namespace))
        {
            if (group.Key.Length > 0) sb.Append("namespace ").Append(group.Key).AppendLine(" {");
            foreach (var t in group) EmitType(sb, t, types);
            if (group.Key.Length > 0) sb.AppendLine("}");
        }
        // Inside namespace nanoFramework.*, "System.X" would bind to nanoFramework.System: qualify from the global root.
        var qualified = sb.ToString().Split('\n').Select(l => l.StartsWith("namespace ", StringComparison.Ordinal) ? l : GlobalSystem.Replace(l, "global::System."));
        return string.Join('\n', qualified);
    }

    private static readonly Regex GlobalSystem = new(@"(?<![\w.:])System\.");

    private static string SimpleName(TypeInfo t)
    {
        var name = t.Parent != null ? t.FullName[(Expand(t.Parent.Raw).Length + 1)..] : t.Namespace.Length > 0 ? t.FullName[(t.Namespace.Length + 1)..] : t.FullName;
        return name;
    }

    private static void EmitType(StringBuilder sb, TypeInfo t, Dictionary<string, TypeInfo> all)
    {
        var name = SimpleName(t);
        var plain = name.Contains('<') ? name[..name.IndexOf('<')] : name;
        if (t.Kind == "delegate")
        {
            var sig = Delegates.GetValueOrDefault(t.FullName, "void (object sender, object e)");
            var paren = sig.IndexOf('(');
            sb.Append("public delegate ").Append(sig[..paren].Trim()).Append(' ').Append(name).Append(sig[paren..]).AppendLine(";");
            return;
        }
        var mods = t.Modifiers.Replace("partial", "").Trim();
        sb.Append("public ").Append(mods.Length > 0 ? mods + " " : "").Append(t.Kind).Append(' ').Append(name);
        if (t.Bases != null) sb.Append(" : ").Append(t.Bases);
        sb.AppendLine(" {");
        bool isInterface = t.Kind == "interface", isEnum = t.Kind == "enum", isStatic = mods.Contains("static");
        // A protected parameterless constructor keeps derived stub classes compiling whatever the listed constructors are.
        if (t.Kind == "class" && !isStatic && !t.Members.Any(m => Regex.IsMatch(m, Regex.Escape(t.Raw) + @"\." + Regex.Escape(plain) + @"\(\) ->")))
            sb.Append("protected ").Append(plain).AppendLine("() { }");

        var props = new Dictionary<string, (string Type, bool Static, string Mods, bool Get, bool Set)>(StringComparer.Ordinal);
        foreach (var line in t.Members)
        {
            var arrow = line.LastIndexOf(" -> ", StringComparison.Ordinal);
            var ret = line[(arrow + 4)..].Trim();
            var words = line[..arrow].Split(' ');
            int skip = 0;
            var modList = new List<string>();
            while (skip < words.Length - 1 && MemberModifiers.Contains(words[skip])) modList.Add(words[skip++]);
            var member = string.Join(' ', words.Skip(skip))[(t.Raw.Length + 1)..];
            bool isStaticMember = modList.Contains("static") || modList.Contains("const");
            var vmods = string.Join(' ', modList.Where(m => m is "virtual" or "override" or "abstract"));
            if (isInterface) vmods = "";

            if (isEnum && !modList.Contains("const"))
            {
                var eq = member.IndexOf(" = ", StringComparison.Ordinal);
                sb.Append(eq < 0 ? member : member[..eq] + " = " + member[(eq + 3)..]).AppendLine(",");
                continue;
            }
            if (member.EndsWith(".get", StringComparison.Ordinal) || member.EndsWith(".set", StringComparison.Ordinal))
            {
                var p = member[..^4];
                var cur = props.TryGetValue(p, out var c) ? c : (Type: ret, Static: isStaticMember, Mods: vmods, Get: false, Set: false);
                if (member.EndsWith(".get", StringComparison.Ordinal)) cur.Get = true; else cur.Set = true;
                if (cur.Type == "void") cur.Type = ret;
                if (member.EndsWith(".get", StringComparison.Ordinal)) cur.Type = ret;
                props[p] = cur;
                continue;
            }
            var paren = member.IndexOf('(');
            var eqIdx = member.IndexOf(" = ", StringComparison.Ordinal);
            if (paren < 0 || (eqIdx >= 0 && eqIdx < paren))
            {
                var fname = eqIdx >= 0 ? member[..eqIdx] : member;
                if (isInterface) continue;
                if (modList.Contains("const")) { sb.Append("public const ").Append(ret).Append(' ').Append(fname).AppendLine(" = default;"); continue; }
                var isDelegate = all.Values.Any(x => x.Kind == "delegate" && (x.FullName == ret || x.Raw == ret)) || Delegates.ContainsKey(ret);
                sb.Append("public ").Append(isStaticMember ? "static " : "").Append(isDelegate ? "event " : modList.Contains("readonly") ? "readonly " : "")
                  .Append(ret).Append(' ').Append(fname).AppendLine(";");
                continue;
            }
            var head = member[..paren];
            var args = member[paren..];
            if (head.StartsWith('~')) { sb.Append('~').Append(plain).AppendLine("() { }"); continue; }
            if (head.StartsWith("implicit operator", StringComparison.Ordinal) || head.StartsWith("explicit operator", StringComparison.Ordinal) || head.StartsWith("operator", StringComparison.Ordinal))
            {
                sb.Append("public static ").Append(head.StartsWith("operator", StringComparison.Ordinal) ? ret + " " : "").Append(head).Append(args).AppendLine(" { throw null; }");
                continue;
            }
            var mname = head.Contains('<') ? head[..head.IndexOf('<')] : head;
            if (mname == plain || mname == (Keyword.TryGetValue(t.Raw, out var kw) ? kw : "\0"))
            {
                if (isStatic || isInterface) continue;
                if (args == "()" && t.Kind == "struct") continue;
                sb.Append("public ").Append(plain).Append(args).AppendLine(" { }");
                continue;
            }
            if (isInterface) { sb.Append(ret).Append(' ').Append(head).Append(args).AppendLine(";"); continue; }
            var isAbstract = modList.Contains("abstract");
            sb.Append("public ").Append(isStaticMember ? "static " : "").Append(vmods.Length > 0 ? vmods + " " : "")
              .Append(ret).Append(' ').Append(head).Append(args).AppendLine(isAbstract ? ";" : " { throw null; }");
        }
        foreach (var (p, info) in props)
        {
            var isAbstract = info.Mods.Contains("abstract");
            sb.Append(isInterface ? "" : "public ").Append(info.Static ? "static " : "").Append(info.Mods.Length > 0 ? info.Mods + " " : "")
              .Append(info.Type).Append(' ').Append(p).Append(" { ");
            if (info.Get) sb.Append(isInterface || isAbstract ? "get; " : "get { throw null; } ");
            if (info.Set) sb.Append(isInterface || isAbstract ? "set; " : "set { } ");
            sb.AppendLine("}");
        }
        foreach (var n in t.Nested) EmitType(sb, n, all);
        sb.AppendLine("}");
    }
}
