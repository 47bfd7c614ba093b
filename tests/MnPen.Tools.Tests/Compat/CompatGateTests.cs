using MnPen.Compat;
using MnPen.Compat.Checking;
using MnPen.Compat.Reference;
using Xunit.Abstractions;

namespace MnPen.Tools.Tests.Compat;

/// <summary>The gate against small portable-like assemblies compiled in memory, with and without an offence.</summary>
public sealed class CompatGateTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mnpen-compat-" + Guid.NewGuid().ToString("N"));
    private readonly ITestOutputHelper _out;

    public CompatGateTests(ITestOutputHelper output) => _out = output;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private const string CleanBody = @"
        private readonly int[] _samples = new int[8];
        private int _count;
        public void Add(int v) { lock (_samples) { _samples[_count % 8] = v; _count++; } }
        public float Mean()
        {
            int sum = 0;
            for (int i = 0; i < 8; i++) sum += _samples[i];
            return (float)Math.Abs(sum / 8.0) + (float)Math.Clamp(1.5f, 0f, 1f);
        }
        public string Describe() => string.Format(""{0} samples"", _count) + BitConverter.IsLittleEndian;
        public long Stamp() => DateTime.UtcNow.Ticks;";

    private static string Wrap(string members, string usings = "") => $@"using System;
{usings}
namespace Demo
{{
    public sealed class Filter
    {{
{members}
    }}
}}";

    private string Build(string name, string source, bool unsafeCode = false) =>
        PortableCompiler.Compile(Path.Combine(_dir, name), "Demo." + name, source, unsafeCode, name + ".cs");

    private AssemblyReport Check(string dll) => new CompatChecker(SharedCatalog.Value, new[] { "Demo" }, _dir).Check(dll);

    [NeedsSharedFact]
    public void Clean_portable_code_passes_including_overloads_nanoFramework_binds_differently()
    {
        var report = Check(Build("Clean", Wrap(CleanBody)));
        Assert.True(report.Violations.Count == 0, string.Join("\n", report.Violations.Select(v => v.Message)));
        Assert.Contains("nanoFramework.System.Math", report.RequiredPackages);
    }

    [NeedsSharedFact]
    public void List_of_int_fails_naming_type_and_assembly_and_passes_again_when_removed()
    {
        var offending = Wrap(CleanBody + @"
        private readonly System.Collections.Generic.List<int> _history = new System.Collections.Generic.List<int>();
        public int Last() => _history[_history.Count - 1];");
        var bad = Check(Build("WithList", offending));
        var v = Assert.Single(bad.Violations.Where(x => x.Rule == CompatRule.GenericInstantiation).Select(x => x.Subject).Distinct());
        Assert.Contains("System.Collections.Generic.List<int>", v);
        Assert.Contains("[System.Collections]", v);
        Assert.All(bad.Violations, x => Assert.Equal("WithList.cs", Path.GetFileName(x.File)));

        var good = Check(Build("WithoutList", Wrap(CleanBody)));
        Assert.Empty(good.Violations);
    }

    [NeedsSharedFact]
    public void Linq_fails_naming_Enumerable_and_System_Linq_and_passes_again_when_removed()
    {
        var bad = Check(Build("WithLinq", Wrap(CleanBody + @"
        public int Total() => _samples.Sum();", "using System.Linq;")));
        Assert.Contains(bad.Violations, x => x.Rule == CompatRule.Linq && x.Subject.Contains("System.Linq", StringComparison.Ordinal));
        Assert.Contains(bad.Violations, x => x.Subject.Contains("System.Linq.Enumerable", StringComparison.Ordinal));

        var good = Check(Build("WithoutLinq", Wrap(CleanBody + @"
        public int Total() { int s = 0; foreach (var x in _samples) s += x; return s; }")));
        Assert.Empty(good.Violations);
    }

    [NeedsSharedFact]
    public void Violation_names_source_file_and_line_from_the_pdb()
    {
        var src = Wrap(@"
        public float Bad(float x)
        {
            return MathF.Sqrt(x);
        }");
        var report = Check(Build("Located", src));
        var v = Assert.Single(report.Violations);
        Assert.Equal(CompatRule.MissingType, v.Rule);
        Assert.Contains("System.MathF", v.Subject);
        Assert.EndsWith("Located.cs", v.File);
        var expectedLine = src.Split('\n').ToList().FindIndex(l => l.Contains("MathF.Sqrt", StringComparison.Ordinal)) + 1;
        Assert.Equal(expectedLine, v.Line);
    }

    [NeedsSharedTheory]
    [InlineData("public int Clamp(int v) => Math.Clamp(v, 0, 10);", CompatRule.MissingMember, "System.Math.Clamp(System.Int32")]
    [InlineData("public DateTime When() => DateTime.Now;", CompatRule.DateTimeNow, "DateTime.Now")]
    [InlineData("public T Echo<T>(T v) => v;", CompatRule.GenericDefinition, "Echo")]
    [InlineData("public void Run(Action<int> a) => a(1);", CompatRule.GenericInstantiation, "System.Action<int>")]
    [InlineData("public int? Maybe() => null;", CompatRule.GenericInstantiation, "System.Nullable<int>")]
    [InlineData("public (int, int) Pair() => (1, 2);", CompatRule.GenericInstantiation, "System.ValueTuple<int,int>")]
    [InlineData("public System.Collections.Generic.IEnumerable<int> Seq() { yield return 1; }", CompatRule.Iterator, "Seq")]
    [InlineData("public async System.Threading.Tasks.Task Later() { await System.Threading.Tasks.Task.Delay(1); }", CompatRule.AsyncMethod, "Later")]
    [InlineData("public int Sum3() { Span<int> s = stackalloc int[3]; return s[0]; }", CompatRule.StackAlloc, "stackalloc")]
    [InlineData("public unsafe int Peek(int* p) => *p;", CompatRule.UnsafeCode, "int*")]
    [InlineData("public bool Same(object a) => EqualityComparer.Equals(a, a); private static readonly System.Collections.Generic.EqualityComparer<object> EqualityComparer = System.Collections.Generic.EqualityComparer<object>.Default;", CompatRule.GenericInstantiation, "EqualityComparer<object>")]
    [InlineData("private volatile int _flag; public int Flag => _flag;", CompatRule.MissingType, "IsVolatile")]
    public void Constructs_v1_cannot_run_are_reported(string member, CompatRule rule, string subjectPart)
    {
        var name = "Case" + Math.Abs(member.GetHashCode()).ToString();
        var report = Check(Build(name, Wrap(member), unsafeCode: member.Contains("unsafe", StringComparison.Ordinal)));
        foreach (var v in report.Violations) _out.WriteLine($"{v.Location}: {CompatRules.Id(v.Rule)}: {v.Message}");
        Assert.Contains(report.Violations, v => v.Rule == rule && (v.Subject + v.Message).Contains(subjectPart, StringComparison.Ordinal));
    }

    [NeedsSharedFact]
    public void Interface_members_with_bodies_and_records_are_reported()
    {
        var src = @"namespace Demo
{
    public interface IGauge { int Read(); int Twice() => Read() * 2; }
    public record Reading(int Value);
}";
        var report = Check(Build("Shapes", src));
        Assert.Contains(report.Violations, v => v.Rule == CompatRule.DefaultInterfaceMethod && v.Subject.Contains("Twice", StringComparison.Ordinal));
        Assert.Contains(report.Violations, v => v.Rule == CompatRule.Record && v.Subject.Contains("Reading", StringComparison.Ordinal));
        Assert.Contains(report.Violations, v => v.Rule == CompatRule.GenericInstantiation && v.Subject.Contains("IEquatable<Demo.Reading>", StringComparison.Ordinal));
    }

    [NeedsSharedFact]
    public void Static_abstract_interface_members_are_reported_even_when_a_newer_compiler_accepts_them()
    {
        var dll = PortableCompiler.Compile(Path.Combine(_dir, "Static"), "Demo.Static",
            "namespace Demo { public interface IUnit { static abstract int Scale(); } }", language: Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest);
        var report = Check(dll);
        Assert.Contains(report.Violations, v => v.Rule == CompatRule.StaticAbstractMember && v.Subject.Contains("Scale", StringComparison.Ordinal));
    }

    [NeedsSharedFact]
    public void Reference_to_a_host_only_assembly_is_reported()
    {
        var lib = Build("HostLib", "namespace HostOnly { public sealed class Widget { public static int One() => 1; } }");
        var src = "namespace Demo { public sealed class User { public int Get() => HostOnly.Widget.One(); } }";
        var compiled = PortableCompilerWithReference(lib, src);
        var report = new CompatChecker(SharedCatalog.Value, new[] { "Demo.User" }, _dir).Check(compiled);
        Assert.Contains(report.Violations, v => v.Rule == CompatRule.NonNanoAssembly && v.Subject.Contains("Demo.HostLib", StringComparison.Ordinal));
    }

    private string PortableCompilerWithReference(string referencePath, string source)
    {
        var dir = Path.Combine(_dir, "User");
        Directory.CreateDirectory(dir);
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, path: Path.Combine(dir, "User.cs"));
        var refs = new List<Microsoft.CodeAnalysis.MetadataReference> { Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(referencePath) };
        refs.AddRange(((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(f => Path.GetFileName(f) is "System.Runtime.dll" or "System.Private.CoreLib.dll")
            .Select(f => Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(f)));
        var c = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Demo.User", new[] { tree }, refs,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        var dll = Path.Combine(dir, "Demo.User.dll");
        Microsoft.CodeAnalysis.Emit.EmitResult result;
        using (var pe = File.Create(dll)) result = c.Emit(pe);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return dll;
    }

    [NeedsSharedFact]
    public void Runner_exits_with_violations_outcome_and_names_the_culprit_in_human_and_json_output()
    {
        var dll = Build("Runner", Wrap("public object Make() => new System.Collections.Generic.List<int>();"));
        foreach (var json in new[] { false, true })
        {
            var o = new StringWriter();
            var e = new StringWriter();
            var outcome = CompatRunner.Run(new CompatRunOptions { ReferenceDirectory = TestPaths.Listings, Assemblies = new[] { dll }, Json = json, StartDirectory = TestPaths.RepoRoot }, o, e);
            Assert.Equal(CompatOutcome.Violations, outcome);
            Assert.Contains("List<int>", o.ToString());
            Assert.Contains("System.Collections", o.ToString());
            Assert.Contains("Runner.cs", o.ToString());
            if (json) Assert.Contains("\"rule\": \"generic-instantiation\"", o.ToString());
        }
    }

    [Fact]
    public void Runner_without_any_reference_says_so_and_fails_unless_told_to_skip()
    {
        var dll = Path.Combine(_dir, "none.dll");
        var empty = Path.Combine(_dir, "empty-reference");
        Directory.CreateDirectory(empty);
        var e = new StringWriter();
        Assert.Equal(CompatOutcome.ReferenceMissing, CompatRunner.Run(new CompatRunOptions { ReferenceDirectory = empty, Assemblies = new[] { dll } }, TextWriter.Null, e));
        Assert.Contains("--reference", e.ToString());
        Assert.Contains("--skip-if-missing", e.ToString());

        var outside = Path.Combine(_dir, "outside-any-repo");
        Directory.CreateDirectory(outside);
        var e2 = new StringWriter();
        Assert.Equal(CompatOutcome.Skipped, CompatRunner.Run(new CompatRunOptions { StartDirectory = outside, SkipIfMissing = true }, TextWriter.Null, e2));
        Assert.Contains("SKIPPED", e2.ToString());
    }

    [NeedsSharedFact]
    public void Listing_parser_keeps_exact_overloads_operators_constructors_and_indexers()
    {
        var c = SharedCatalog.Value;
        var math = c.Find("System.Math")!;
        Assert.Equal("System.Math", math.Assembly);
        Assert.True(c.HasMethod(math, "Clamp", new[] { "System.Single", "System.Single", "System.Single" }));
        Assert.False(c.HasMethod(math, "Clamp", new[] { "System.Int32", "System.Int32", "System.Int32" }));
        var str = c.Find("System.String")!;
        Assert.True(c.HasMethod(str, ".ctor", new[] { "System.Char[]" }));
        Assert.True(c.HasMethod(str, "get_Chars", new[] { "System.Int32" }));
        Assert.True(c.HasMethod(str, "op_Equality", new[] { "System.String", "System.String" }));
        Assert.True(c.HasMethod(str, "Format", new[] { "System.String", "System.Object", "System.Object" }), "params object[] overload binds 2 args");
        var pin = c.Find("System.Device.Gpio.GpioPin")!;
        Assert.True(c.HasMethod(pin, "add_ValueChanged", new[] { "System.Device.Gpio.PinValueChangedEventHandler" }));
        Assert.True(c.HasMethod(pin, "Dispose", Array.Empty<string>()));
        Assert.True(c.HasMethod(c.Find("System.Device.Adc.AdcChannel")!, "ReadRatio", Array.Empty<string>()), "inherited from AdcChannelBase");
        Assert.True(c.HasMethod(c.Find("System.Single")!, "TryParse", new[] { "System.String", "System.Single&" }));
    }
}
