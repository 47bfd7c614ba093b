namespace MnPen.Hal.Simulator.Faults;

/// <summary>A fault being applied or cleared, with the board time it happened.</summary>
public sealed record SimFaultEvent(ulong BoardMicros, string Name, bool Injected, string Detail);
