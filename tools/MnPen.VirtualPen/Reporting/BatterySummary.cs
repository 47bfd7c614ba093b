namespace MnPen.VirtualPen.Reporting;

/// <summary>Battery at both ends of the run.</summary>
public sealed record BatterySummary(double StartVolts, double EndVolts, double StartPercent, double EndPercent, double UsedMilliampHours);
