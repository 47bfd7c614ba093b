using Mono.Cecil;
using Mono.Cecil.Cil;
using MnPen.Compat.Reference;

namespace MnPen.Compat.Checking;

/// <summary>
/// Walks a compiled portable assembly (Mono.Cecil) and reports everything nanoFramework v1 cannot compile or run:
/// types and members missing from the reference, generics, state machines, LINQ, unsafe code and the like.
/// Source locations come from the portable PDB when present.
/// </summary>
public sealed class CompatChecker
{
    /// <summary>Attributes the C# compiler emits on its own; nanoFramework's build embeds or omits them, so they are not the author's doing.</summary>
    private static readonly HashSet<string> CompilerEmittedAttributes = new(StringComparer.Ordinal)
    {
        "System.Runtime.CompilerServices.CompilerGeneratedAttribute",
        "System.Runtime.CompilerServices.IsReadOnlyAttribute",
        "System.Runtime.CompilerServices.IsByRefLikeAttribute",
        "System.Runtime.CompilerServices.NullableAttribute",
        "System.Runtime.CompilerServices.NullableContextAttribute",
        "System.Runtime.CompilerServices.NullablePublicOnlyAttribute",
        "System.Runtime.CompilerServices.RefSafetyRulesAttribute",
        "System.Runtime.CompilerServices.ScopedRefAttribute",
        "Microsoft.CodeAnalysis.EmbeddedAttribute",
        "System.Runtime.CompilerServices.TupleElementNamesAttribute", // the tuple itself is reported
    };

    private readonly ApiCatalog _catalog;
    private readonly HashSet<string> _projectAssemblies;
    private readonly string? _sourceRoot;

    /// <summary>Creates a checker.</summary>
    /// <param name="catalog">nanoFramework v1 reference.</param>
    /// <param name="projectAssemblies">Names of assemblies that are themselves portable (checked on their own, so references into them are fine).</param>
    /// <param name="sourceRoot">Folder that source paths are shown relative to (the repository), or null for absolute paths.</param>
    public CompatChecker(ApiCatalog catalog, IEnumerable<string> projectAssemblies, string? sourceRoot)
    {
        _catalog = catalog;
        _projectAssemblies = new HashSet<string>(projectAssemblies, StringComparer.Ordinal);
        _sourceRoot = sourceRoot;
    }

    /// <summary>Checks one assembly file.</summary>
    public AssemblyReport Check(string assemblyPath)
    {
        var module = ReadModule(assemblyPath, out var hasSymbols);
        using (module)
        {
            var report = new AssemblyReport(module.Assembly.Name.Name, Path.GetFullPath(assemblyPath)) { HasSymbols = hasSymbols };
            var run = new Run(this, report, module);
            run.CheckAssemblyReferences();
            foreach (var type in module.GetTypes())
            {
                if (type.Name == "<Module>") continue;
                report.TypesChecked++;
                run.CheckTypeDefinition(type);
            }
            return report;
        }
    }

    private static ModuleDefinition ReadModule(string path, out bool hasSymbols)
    {
        var pdb = Path.ChangeExtension(path, ".pdb");
        if (File.Exists(pdb))
        {
            try
            {
                hasSymbols = true;
                return ModuleDefinition.ReadModule(path, new ReaderParameters { ReadSymbols = true, InMemory = true });
            }
            catch (Exception e) when (e is SymbolsNotMatchingException or SymbolsNotFoundException or BadImageFormatException or InvalidOperationException)
            {
                // A stale or foreign PDB only costs the source locations.
            }
        }
        hasSymbols = false;
        return ModuleDefinition.ReadModule(path, new ReaderParameters { ReadSymbols = false, InMemory = true });
    }

    /// <summary>State for checking one module.</summary>
    private sealed class Run
    {
        private readonly CompatChecker _owner;
        private readonly AssemblyReport _report;
        private readonly ModuleDefinition _module;
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private string _where = "";
        private string? _file;
        private int? _line;

        public Run(CompatChecker owner, AssemblyReport report, ModuleDefinition module)
        {
            _owner = owner; _report = report; _module = module;
        }

        private ApiCatalog Catalog => _owner._catalog;

        public void CheckAssemblyReferences()
        {
            foreach (var asm in _module.AssemblyReferences)
            {
                var name = asm.Name;
                if (_owner._projectAssemblies.Contains(name) || FrameworkMap.Forwarders.ContainsKey(name) || Catalog.AssemblyPackages.ContainsKey(name))
                    continue;
                SetContext(_module.Assembly.Name.Name, null, null);
                if (FrameworkMap.Unavailable.TryGetValue(name, out var why))
                    Report(name == "System.Linq" ? CompatRule.Linq : name == "Microsoft.CSharp" ? CompatRule.Dynamic : CompatRule.NonNanoAssembly,
                        $"assembly {name}", $"references assembly {name}: {why}");
                else
                    Report(CompatRule.NonNanoAssembly, $"assembly {name}",
                        $"references assembly {name}, which is neither part of nanoFramework v1 nor a portable MnPen assembly: portable code may only use mscorlib, nanoFramework packages and the portable MnPen projects");
            }
        }

        public void CheckTypeDefinition(TypeDefinition type)
        {
            SetTypeContext(type);
            if (type.HasGenericParameters)
                Report(CompatRule.GenericDefinition, TypeNames.Plain(type), $"generic type definition {Pretty(type)}: generics do not run on nanoFramework v1; use object or a concrete type");
            if (type.BaseType != null) CheckTypeRef(type.BaseType);
            foreach (var i in type.Interfaces) CheckTypeRef(i.InterfaceType);
            CheckAttributes(type);
            if (type.Methods.Any(m => m.Name == "<Clone>$"))
                Report(CompatRule.Record, TypeNames.Plain(type), $"record {TypeNames.Plain(type)}: records need IEquatable<T>/EqualityComparer<T>, which v1 lacks; use a class with explicit fields");
            var stateMachine = type.Interfaces.Any(i => i.InterfaceType.Name is "IAsyncStateMachine");
            foreach (var f in type.Fields)
            {
                SetTypeContext(type);
                _where = TypeNames.Plain(type) + "." + f.Name;
                if (!stateMachine) CheckTypeRef(f.FieldType);
                CheckAttributes(f);
            }
            foreach (var p in type.Properties) { SetTypeContext(type); CheckAttributes(p); }
            foreach (var e in type.Events) { SetTypeContext(type); CheckTypeRef(e.EventType); CheckAttributes(e); }
            // Compiler-made state machines: the kickoff method is reported once; their builder plumbing would only repeat it.
            if (stateMachine) return;
            foreach (var m in type.Methods) CheckMethodDefinition(type, m);
        }

        private void CheckMethodDefinition(TypeDefinition type, MethodDefinition m)
        {
            SetMethodContext(m, null);
            var name = TypeNames.Plain(type) + "." + m.Name;
            if (m.HasGenericParameters)
                Report(CompatRule.GenericDefinition, name, $"generic method definition {name}<{string.Join(",", m.GenericParameters.Select(g => g.Name))}>: generics do not run on nanoFramework v1");
            if (type.IsInterface && !m.IsStatic && !m.IsAbstract && m.HasBody)
                Report(CompatRule.DefaultInterfaceMethod, name, $"default interface method {name}: v1 cannot run interface members with bodies; move the body to the implementing classes");
            if (type.IsInterface && m.IsStatic && (m.IsAbstract || m.IsVirtual))
                Report(CompatRule.StaticAbstractMember, name, $"static abstract/virtual interface member {name}: not supported by nanoFramework v1");
            foreach (var a in m.CustomAttributes)
            {
                switch (a.AttributeType.FullName)
                {
                    case "System.Runtime.CompilerServices.AsyncStateMachineAttribute":
                    case "System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute":
                        Report(CompatRule.AsyncMethod, name, $"async method {name}: async/await needs Task, which nanoFramework v1 lacks; use a Thread or poll from the main loop");
                        break;
                    case "System.Runtime.CompilerServices.IteratorStateMachineAttribute":
                        Report(CompatRule.Iterator, name, $"iterator {name} (yield): needs IEnumerable<T>/IEnumerator<T>, which v1 lacks; fill an array instead");
                        break;
                }
            }
            CheckAttributes(m);
            CheckTypeRef(m.ReturnType);
            CheckAttributes(m.MethodReturnType);
            foreach (var p in m.Parameters) { CheckTypeRef(p.ParameterType); CheckAttributes(p); }
            foreach (var o in m.Overrides) CheckMethodRef(o);
            if (m.IsPInvokeImpl)
                Report(CompatRule.UnsafeCode, name, $"P/Invoke method {name}: nanoFramework has no DllImport; native code comes from the firmware");
            if (!m.HasBody) return;

            var body = m.Body;
            foreach (var v in body.Variables) CheckTypeRef(v.VariableType);
            foreach (var h in body.ExceptionHandlers)
                if (h.CatchType != null) CheckTypeRef(h.CatchType);
            foreach (var ins in body.Instructions)
            {
                SetMethodContext(m, ins);
                switch (ins.OpCode.Code)
                {
                    case Code.Localloc:
                        Report(CompatRule.StackAlloc, name + " stackalloc", $"stackalloc in {name}: not supported by nanoFramework v1; use a preallocated array");
                        continue;
                    case Code.Calli:
                    case Code.Cpblk:
                    case Code.Initblk:
                        Report(CompatRule.UnsafeCode, name + " " + ins.OpCode.Name, $"unsafe IL '{ins.OpCode.Name}' in {name}: not supported by nanoFramework v1");
                        continue;
                    case Code.Arglist:
                    case Code.Mkrefany:
                    case Code.Refanyval:
                    case Code.Refanytype:
                    case Code.Jmp:
                        Report(CompatRule.UnsupportedConstruct, name + " " + ins.OpCode.Name, $"IL '{ins.OpCode.Name}' in {name} (varargs/typed references) is not supported by nanoFramework v1");
                        continue;
                }
                switch (ins.Operand)
                {
                    case MethodReference mr: CheckMethodRef(mr); break;
                    case FieldReference fr: CheckFieldRef(fr); break;
                    case TypeReference tr: CheckTypeRef(tr); break;
                }
            }
        }

        private void CheckAttributes(ICustomAttributeProvider provider)
        {
            if (!provider.HasCustomAttributes) return;
            foreach (var a in provider.CustomAttributes)
            {
                var full = TypeNames.Plain(a.AttributeType);
                if (CompilerEmittedAttributes.Contains(full)) continue;
                if (full is "System.Runtime.CompilerServices.AsyncStateMachineAttribute" or "System.Runtime.CompilerServices.IteratorStateMachineAttribute"
                    or "System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute" or "System.Diagnostics.DebuggerStepThroughAttribute")
                    continue; // reported as async/iterator
                if (full == "System.Runtime.CompilerServices.DynamicAttribute")
                {
                    Report(CompatRule.Dynamic, "dynamic", $"'dynamic' used in {_where}: not available on nanoFramework v1");
                    continue;
                }
                if (full == "System.Runtime.CompilerServices.NativeIntegerAttribute")
                {
                    Report(CompatRule.UnsupportedConstruct, "nint/nuint", $"native-sized integers (nint/nuint) used in {_where}: use int/long");
                    continue;
                }
                CheckMethodRef(a.Constructor);
            }
        }

        private void CheckFieldRef(FieldReference f)
        {
            if (f.DeclaringType is GenericInstanceType) { CheckTypeRef(f.DeclaringType); return; }
            CheckTypeRef(f.FieldType);
            if (IsOwn(f.DeclaringType)) return;
            var api = ResolveExternal(f.DeclaringType);
            if (api == null) return;
            if (!Catalog.HasField(api, f.Name))
                Report(CompatRule.MissingMember, $"{api.Name}.{f.Name} [{ScopeName(f.DeclaringType)}]",
                    $"field {api.Name}.{f.Name} is not in nanoFramework v1 ({api.Assembly} {api.Version})");
        }

        private void CheckMethodRef(MethodReference m)
        {
            if (m is GenericInstanceMethod gim)
            {
                var subject = $"{TypeNames.Plain(gim.DeclaringType)}.{gim.Name}<{string.Join(",", gim.GenericArguments.Select(Pretty))}> [{ScopeName(gim.DeclaringType)}]";
                Report(CompatRule.GenericInstantiation, subject, $"generic method call {subject}: generics do not run on nanoFramework v1");
                return;
            }
            var declaring = m.DeclaringType;
            if (declaring is GenericInstanceType) { CheckTypeRef(declaring); return; }
            if (declaring is ArrayType at)
            {
                if (!at.IsVector)
                    Report(CompatRule.UnsupportedConstruct, Pretty(at), $"multi-dimensional array {Pretty(at)}: not supported by nanoFramework v1; use a jagged or flat array");
                return;
            }
            CheckTypeRef(m.ReturnType);
            foreach (var p in m.Parameters) CheckTypeRef(p.ParameterType);
            if (IsOwn(declaring)) return;
            var api = ResolveExternal(declaring);
            if (api == null) return;
            var ps = m.Parameters.Select(p => TypeNames.FromCecil(p.ParameterType)).ToList();
            if (Catalog.HasMethod(api, m.Name, ps)) return;

            var display = $"{api.Name}.{m.Name}({string.Join(", ", ps)})";
            if (api.Name == "System.DateTime" && m.Name == "get_Now")
            {
                Report(CompatRule.DateTimeNow, $"System.DateTime.Now [{ScopeName(declaring)}]", "DateTime.Now is not available on nanoFramework v1: use DateTime.UtcNow (or the HAL clock)");
                return;
            }
            // lock(x) compiles to Monitor.Enter(object, ref bool) where that overload exists and to Monitor.Enter(object) where it does not.
            if (api.Name == "System.Threading.Monitor" && m.Name == "Enter" && Catalog.HasMethod(api, "Enter", new[] { "System.Object" })) return;
            var overloads = api.MethodOverloads(m.Name).Take(6).ToList();
            var has = overloads.Count == 0 ? "no member of that name" : "has " + string.Join(", ", overloads);
            Report(CompatRule.MissingMember, $"{display} [{ScopeName(declaring)}]",
                $"{display} is not in nanoFramework v1 ({api.Assembly} {api.Version} {has})");
        }

        private void CheckTypeRef(TypeReference? t)
        {
            switch (t)
            {
                case null: return;
                case GenericParameter: return; // its owner is reported as a generic definition
                case GenericInstanceType gi:
                    {
                        var subject = $"{Pretty(gi)} [{ScopeName(gi)}]";
                        var hint = FrameworkMap.HintFor(TypeNames.Plain(gi.ElementType));
                        Report(CompatRule.GenericInstantiation, subject, $"generic type {subject}: generics do not run on nanoFramework v1" + (hint == null ? "" : "; " + hint));
                        return;
                    }
                case ByReferenceType br: CheckTypeRef(br.ElementType); return;
                case ArrayType at: CheckTypeRef(at.ElementType); return;
                case RequiredModifierType rm: CheckTypeRef(rm.ModifierType); CheckTypeRef(rm.ElementType); return;
                case OptionalModifierType om: CheckTypeRef(om.ModifierType); CheckTypeRef(om.ElementType); return;
                case PointerType pt:
                    Report(CompatRule.UnsafeCode, Pretty(pt), $"pointer type {Pretty(pt)}: unsafe pointers are not supported by nanoFramework v1");
                    return;
                case FunctionPointerType:
                    Report(CompatRule.UnsafeCode, "function pointer", "function pointer (delegate*): not supported by nanoFramework v1");
                    return;
                case PinnedType pin:
                    Report(CompatRule.UnsafeCode, "fixed", $"'fixed' (pinned {Pretty(pin.ElementType)}): unsafe code is not supported by nanoFramework v1");
                    return;
                case SentinelType st: CheckTypeRef(st.ElementType); return;
            }
            if (IsOwn(t)) return;
            ResolveExternal(t);
        }

        /// <summary>Finds a framework type in the reference, reporting it when absent; null when absent.</summary>
        private ApiType? ResolveExternal(TypeReference t)
        {
            var name = TypeNames.Plain(t);
            var scope = ScopeName(t);
            var api = Catalog.Find(name);
            if (api != null)
            {
                if (api.Package.Length > 0) _report.RequiredPackages.Add(api.Package);
                if (!_report.ForwarderMap.TryGetValue(scope, out var targets))
                    _report.ForwarderMap[scope] = targets = new SortedSet<string>(StringComparer.Ordinal);
                targets.Add(api.Assembly);
                return api;
            }
            var subject = $"{name} [{scope}]";
            if (name.StartsWith("System.Linq.", StringComparison.Ordinal) || name == "System.Linq.Enumerable")
                Report(CompatRule.Linq, subject, $"{subject}: {FrameworkMap.Unavailable["System.Linq"]}");
            else if (name.StartsWith("System.Runtime.CompilerServices.Async", StringComparison.Ordinal) || name.StartsWith("System.Threading.Tasks.", StringComparison.Ordinal))
                Report(CompatRule.AsyncMethod, subject, $"{subject}: {FrameworkMap.Unavailable["System.Threading.Tasks"]}");
            else if (name.StartsWith("Microsoft.CSharp.", StringComparison.Ordinal) || name.StartsWith("System.Runtime.CompilerServices.CallSite", StringComparison.Ordinal))
                Report(CompatRule.Dynamic, subject, $"{subject}: 'dynamic' is not available on nanoFramework v1");
            else
            {
                var hint = FrameworkMap.HintFor(name);
                Report(CompatRule.MissingType, subject, $"type {name} (from {scope}) is not provided by nanoFramework v1" + (hint == null ? "" : ": " + hint));
            }
            return null;
        }

        private bool IsOwn(TypeReference t)
        {
            if (t is TypeDefinition) return true;
            var scope = t.Scope;
            if (scope is ModuleDefinition) return true;
            return scope is AssemblyNameReference a && (_owner._projectAssemblies.Contains(a.Name) || a.Name == _module.Assembly.Name.Name);
        }

        private static string ScopeName(TypeReference t)
        {
            while (t.IsNested && t.DeclaringType != null && t is not GenericInstanceType) t = t.DeclaringType;
            if (t is TypeSpecification spec) return ScopeName(spec.ElementType);
            return t.Scope switch
            {
                AssemblyNameReference a => a.Name,
                ModuleDefinition md => md.Assembly.Name.Name,
                _ => t.Scope?.Name ?? "?",
            };
        }

        private static string Pretty(TypeReference t) => t switch
        {
            GenericInstanceType gi => TypeNames.Plain(gi.ElementType).Split('`')[0] + "<" + string.Join(",", gi.GenericArguments.Select(Pretty)) + ">",
            ArrayType at => Pretty(at.ElementType) + (at.IsVector ? "[]" : "[" + new string(',', at.Rank - 1) + "]"),
            PointerType pt => Pretty(pt.ElementType) + "*",
            ByReferenceType br => Pretty(br.ElementType) + "&",
            TypeDefinition { HasGenericParameters: true } td => TypeNames.Plain(td).Split('`')[0] + "<" + string.Join(",", td.GenericParameters.Select(g => g.Name)) + ">",
            _ => Short(TypeNames.Plain(t)),
        };

        private static string Short(string canonical) => canonical switch
        {
            "System.Int32" => "int", "System.UInt32" => "uint", "System.Int64" => "long", "System.UInt64" => "ulong",
            "System.Single" => "float", "System.Double" => "double", "System.Boolean" => "bool", "System.Byte" => "byte",
            "System.String" => "string", "System.Object" => "object", "System.Char" => "char", "System.Int16" => "short",
            _ => canonical,
        };

        private void SetTypeContext(TypeDefinition type)
        {
            _where = TypeNames.Plain(type);
            var located = FirstSequencePoint(type);
            SetLocation(located);
        }

        private void SetMethodContext(MethodDefinition m, Instruction? ins)
        {
            _where = TypeNames.Plain(m.DeclaringType) + "." + m.Name;
            SequencePoint? sp = null;
            if (m.DebugInformation is { HasSequencePoints: true } di)
            {
                foreach (var p in di.SequencePoints)
                {
                    if (p.IsHidden) continue;
                    if (ins != null && p.Offset > ins.Offset) break;
                    sp = p;
                    if (ins == null) break;
                }
            }
            SetLocation(sp ?? FirstSequencePoint(m.DeclaringType));
        }

        private void SetContext(string where, string? file, int? line) { _where = where; _file = file; _line = line; }

        private void SetLocation(SequencePoint? sp)
        {
            if (sp == null) { _file = null; _line = null; return; }
            _file = RelativeSource(sp.Document.Url);
            _line = sp.StartLine;
        }

        private static SequencePoint? FirstSequencePoint(TypeDefinition type)
        {
            for (var t = type; t != null; t = t.DeclaringType)
                foreach (var m in t.Methods)
                    if (m.DebugInformation is { HasSequencePoints: true } di)
                        foreach (var p in di.SequencePoints)
                            if (!p.IsHidden) return p;
            return null;
        }

        private string RelativeSource(string url)
        {
            var root = _owner._sourceRoot;
            var path = url.Replace('\\', '/');
            if (root != null)
            {
                var r = root.Replace('\\', '/').TrimEnd('/') + "/";
                if (path.StartsWith(r, StringComparison.Ordinal)) return path[r.Length..];
            }
            return path;
        }

        private void Report(CompatRule rule, string subject, string message)
        {
            var key = CompatRules.Id(rule) + "|" + subject + "|" + (_file ?? _where);
            if (!_seen.Add(key)) return;
            _report.Violations.Add(new CompatViolation(rule, _report.Name, subject, message, _where, _file, _line));
        }
    }
}
