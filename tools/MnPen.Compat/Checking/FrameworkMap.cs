namespace MnPen.Compat.Checking;

/// <summary>
/// How the host build's framework assemblies relate to nanoFramework v1. Portable code compiles for net10.0, so its IL
/// references facades (System.Runtime, System.Collections, ...) or System.Private.CoreLib; on the pen the same source
/// binds to mscorlib plus the nanoFramework package assemblies. The gate therefore resolves every framework type by
/// its full name in the nanoFramework reference, and this table says which host assemblies may do that at all.
/// </summary>
public static class FrameworkMap
{
    /// <summary>
    /// Host framework assemblies whose types may exist on nanoFramework, with where they land there. A type from one
    /// of these is accepted only if the reference (listings or assemblies) defines a type of the same full name.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Forwarders = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["System.Runtime"] = "mscorlib; System.Math -> System.Math; System.Environment -> nanoFramework.Runtime.Native",
        ["System.Private.CoreLib"] = "mscorlib (same split as System.Runtime)",
        ["netstandard"] = "mscorlib (same split as System.Runtime)",
        ["mscorlib"] = "mscorlib",
        ["System.Runtime.Extensions"] = "mscorlib / System.Math",
        ["System.Collections"] = "non-generic only: Hashtable, Queue, Stack -> nanoFramework.System.Collections",
        ["System.Collections.NonGeneric"] = "ArrayList -> mscorlib; Hashtable, Queue, Stack -> nanoFramework.System.Collections",
        ["System.Console"] = "mscorlib (System.Console)",
        ["System.Diagnostics.Debug"] = "mscorlib (System.Diagnostics.Debug)",
        ["System.Threading"] = "mscorlib (Monitor, Interlocked, events); CancellationToken -> System.Threading",
        ["System.Threading.Thread"] = "mscorlib (Thread)",
        ["System.Threading.ThreadPool"] = "nothing (no thread pool on v1)",
        ["System.Text.Encoding.Extensions"] = "nanoFramework.System.Text (UTF8Encoding)",
        ["System.Runtime.InteropServices"] = "mscorlib (StructLayout, Out, ...)",
        ["System.IO"] = "System.IO.Streams / System.IO.FileSystem",
        ["System.IO.FileSystem"] = "System.IO.FileSystem",
        ["System.Memory"] = "nothing but System.SpanByte (no Span<T>, Memory<T>)",
        ["System.ComponentModel.Primitives"] = "mscorlib (EditorBrowsable)",
    };

    /// <summary>Host assemblies nothing of which exists on nanoFramework v1, with what to use instead.</summary>
    public static readonly IReadOnlyDictionary<string, string> Unavailable = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["System.Linq"] = "LINQ is not available on nanoFramework v1: write the loop over an array",
        ["System.Linq.Expressions"] = "expression trees are not available on nanoFramework v1",
        ["Microsoft.CSharp"] = "dynamic is not available on nanoFramework v1",
        ["System.Collections.Concurrent"] = "concurrent collections are not available on nanoFramework v1: use lock with arrays",
        ["System.Collections.Immutable"] = "immutable collections are not available on nanoFramework v1",
        ["System.Runtime.Intrinsics"] = "hardware intrinsics are not available on nanoFramework v1",
        ["System.Numerics.Vectors"] = "System.Numerics vectors are not available on nanoFramework v1",
        ["System.Threading.Tasks"] = "Task/async is not available on nanoFramework v1: use a Thread or poll from the main loop",
    };

    /// <summary>Namespace prefixes whose absence gets a specific hint in the message.</summary>
    public static string? HintFor(string canonicalType)
    {
        if (canonicalType.StartsWith("System.Linq.", StringComparison.Ordinal)) return Unavailable["System.Linq"];
        if (canonicalType.StartsWith("System.Collections.Generic.", StringComparison.Ordinal))
            return "generic collections are not available on nanoFramework v1: use arrays, ArrayList or Hashtable";
        if (canonicalType.StartsWith("System.Threading.Tasks.", StringComparison.Ordinal)) return Unavailable["System.Threading.Tasks"];
        if (canonicalType == "System.MathF") return "MathF is not available: use System.Math with (float) casts";
        if (canonicalType.StartsWith("System.ValueTuple", StringComparison.Ordinal)) return "tuples are not available: return through out parameters or a small class";
        if (canonicalType.StartsWith("System.Nullable", StringComparison.Ordinal)) return "Nullable<T> is not available: use a flag beside the value";
        if (canonicalType.StartsWith("System.Span", StringComparison.Ordinal) || canonicalType.StartsWith("System.ReadOnlySpan", StringComparison.Ordinal))
            return "Span<T> is not available on v1: use arrays with offset/count (or System.SpanByte)";
        if (canonicalType == "System.Runtime.CompilerServices.IsVolatile") return "volatile fields are not supported: use lock or Interlocked";
        if (canonicalType.StartsWith("System.Text.StringBuilder", StringComparison.Ordinal)) return null;
        return null;
    }
}
