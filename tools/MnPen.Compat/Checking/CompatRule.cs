namespace MnPen.Compat.Checking;

/// <summary>The kinds of construct the gate rejects; the JSON output uses <see cref="CompatRules.Id"/> names.</summary>
public enum CompatRule
{
    /// <summary>A type nanoFramework v1 does not provide.</summary>
    MissingType,
    /// <summary>A method/field/overload nanoFramework v1 does not provide on a type it does provide.</summary>
    MissingMember,
    /// <summary>A generic type or method defined in portable code.</summary>
    GenericDefinition,
    /// <summary>A use of a generic type or method with type arguments (List&lt;T&gt;, Action&lt;T&gt;, Nullable&lt;T&gt;, ValueTuple, Span&lt;T&gt; ...).</summary>
    GenericInstantiation,
    /// <summary>async/await (compiler state machine; no Task on v1).</summary>
    AsyncMethod,
    /// <summary>yield iterators (compiler state machine over IEnumerator&lt;T&gt;).</summary>
    Iterator,
    /// <summary>System.Linq.</summary>
    Linq,
    /// <summary>stackalloc (IL localloc).</summary>
    StackAlloc,
    /// <summary>Pointers, fixed, function pointers, calli, cpblk/initblk.</summary>
    UnsafeCode,
    /// <summary>C# dynamic.</summary>
    Dynamic,
    /// <summary>A reference to an assembly that is neither nanoFramework's nor a portable MnPen assembly.</summary>
    NonNanoAssembly,
    /// <summary>Default interface method (interface member with a body).</summary>
    DefaultInterfaceMethod,
    /// <summary>Static abstract/virtual interface member.</summary>
    StaticAbstractMember,
    /// <summary>C# record (needs IEquatable&lt;T&gt; and EqualityComparer&lt;T&gt;).</summary>
    Record,
    /// <summary>DateTime.Now (v1 has UtcNow only).</summary>
    DateTimeNow,
    /// <summary>IL the v1 interpreter does not execute (varargs, typed references, multi-dimensional arrays).</summary>
    UnsupportedConstruct,
}
