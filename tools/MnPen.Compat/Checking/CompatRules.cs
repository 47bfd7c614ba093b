namespace MnPen.Compat.Checking;

/// <summary>Stable kebab-case ids and one-line explanations for <see cref="CompatRule"/> values.</summary>
public static class CompatRules
{
    /// <summary>Stable id used in JSON and in the human output.</summary>
    public static string Id(CompatRule rule) => rule switch
    {
        CompatRule.MissingType => "missing-type",
        CompatRule.MissingMember => "missing-member",
        CompatRule.GenericDefinition => "generic-definition",
        CompatRule.GenericInstantiation => "generic-instantiation",
        CompatRule.AsyncMethod => "async",
        CompatRule.Iterator => "iterator",
        CompatRule.Linq => "linq",
        CompatRule.StackAlloc => "stackalloc",
        CompatRule.UnsafeCode => "unsafe",
        CompatRule.Dynamic => "dynamic",
        CompatRule.NonNanoAssembly => "non-nano-assembly",
        CompatRule.DefaultInterfaceMethod => "default-interface-method",
        CompatRule.StaticAbstractMember => "static-abstract-member",
        CompatRule.Record => "record",
        CompatRule.DateTimeNow => "datetime-now",
        CompatRule.UnsupportedConstruct => "unsupported-construct",
        _ => rule.ToString(),
    };
}
