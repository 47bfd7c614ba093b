namespace MnPen.VirtualPen.Reporting;

/// <summary>Stroke-rate regulation over the settled running samples.</summary>
public sealed record RateSummary(double TargetStrokesPerSecond, double MeanErrorPercent, double MaxErrorPercent, int Samples);
