namespace MnPen.Hal.Simulator.Faults;

/// <summary>A catalogue entry: what the fault is, its parameters, and what it physically does to the board.</summary>
public sealed record SimFaultInfo(
    string Name,
    string Description,
    string PhysicalEffect,
    string Clearing,
    IReadOnlyList<SimFaultParameterInfo> Parameters);
