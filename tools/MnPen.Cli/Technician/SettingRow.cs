namespace MnPen.Cli.Technician;

/// <summary>One pen setting as `mnpen settings show` prints it (value in the protocol's unit).</summary>
public sealed record SettingRow(int Id, string Name, int Value, string Unit, bool NeedsService, bool ReadOnly);
