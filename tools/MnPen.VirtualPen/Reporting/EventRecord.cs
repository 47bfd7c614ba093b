namespace MnPen.VirtualPen.Reporting;

/// <summary>One highlight of the run.</summary>
public sealed record EventRecord(double TimeSeconds, string Text);
