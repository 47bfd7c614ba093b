namespace MnPen.VirtualPen.Reporting;

/// <summary>Depth error (true protrusion against the set depth) over the running samples.</summary>
public sealed record DepthSummary(double TargetMm, double MeanErrorMm, double MaxErrorMm, int Samples);
