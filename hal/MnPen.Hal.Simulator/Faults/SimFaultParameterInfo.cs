namespace MnPen.Hal.Simulator.Faults;

/// <summary>One parameter a simulator fault accepts: name, unit, default, valid range and meaning.</summary>
public sealed record SimFaultParameterInfo(string Name, string Unit, double Default, double Min, double Max, string Description);
