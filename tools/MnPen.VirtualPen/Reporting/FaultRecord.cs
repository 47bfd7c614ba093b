namespace MnPen.VirtualPen.Reporting;

/// <summary>A fault the firmware raised.</summary>
public sealed record FaultRecord(double TimeSeconds, string Code, int Number);
