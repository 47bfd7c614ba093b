namespace MnPen.Compat;

/// <summary>How a compat run ended (the CLI maps these to exit codes).</summary>
public enum CompatOutcome
{
    /// <summary>Every assembly passed.</summary>
    Passed,
    /// <summary>At least one violation.</summary>
    Violations,
    /// <summary>No reference available and not told to skip.</summary>
    ReferenceMissing,
    /// <summary>No reference available; skipped as asked.</summary>
    Skipped,
    /// <summary>An assembly path was wrong or unreadable.</summary>
    BadInput,
}
