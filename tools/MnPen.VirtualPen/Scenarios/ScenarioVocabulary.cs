namespace MnPen.VirtualPen.Scenarios;

/// <summary>
/// Names a scenario may use (states, fault codes, simulator faults, skins, cartridge kinds). A null list accepts
/// any name; the virtual pen supplies the real lists so typos are caught when the file is read, not mid-run.
/// </summary>
public sealed record ScenarioVocabulary
{
    /// <summary>Buttons by scenario name, in the order they are listed in errors.</summary>
    public static readonly IReadOnlyList<string> ButtonNames = new[] { "start", "rate-up", "rate-down", "depth-up", "depth-down" };

    /// <summary>Firmware state names (PenState).</summary>
    public IReadOnlyList<string>? States { get; init; }

    /// <summary>Firmware fault code names (FaultCode), "none" is always accepted.</summary>
    public IReadOnlyList<string>? FaultCodes { get; init; }

    /// <summary>Simulator fault catalogue names.</summary>
    public IReadOnlyList<string>? SimFaults { get; init; }

    /// <summary>Parameter names each simulator fault accepts (missing entry = any).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? SimFaultParameters { get; init; }

    /// <summary>Checks one fault parameter value (fault, parameter, value): null if fine, else what is allowed.</summary>
    public Func<string, string, double, string?>? CheckFaultParameter { get; init; }

    /// <summary>Skin profile names.</summary>
    public IReadOnlyList<string>? Skins { get; init; }

    /// <summary>Cartridge kinds that can be inserted.</summary>
    public IReadOnlyList<string>? CartridgeKinds { get; init; }

    /// <summary>Accepts every name (no validation beyond syntax).</summary>
    public static ScenarioVocabulary Any { get; } = new();
}
