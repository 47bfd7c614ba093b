namespace MnPen.Cli.Technician;

/// <summary>What `mnpen log --json` prints: the pen and its decoded entries, oldest first.</summary>
public sealed record EventLogReport(string Target, string Serial, string Firmware, int Count, IReadOnlyList<LoggedEvent> Events);
