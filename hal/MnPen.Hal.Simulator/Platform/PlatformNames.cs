namespace MnPen.Hal.Simulator.Platform;

/// <summary>Command-line names of the platforms (`--platform esp32-nf|ideal`).</summary>
public static class PlatformNames
{
    /// <summary>Name of <see cref="PlatformKind.Esp32Nf"/>.</summary>
    public const string Esp32Nf = "esp32-nf";

    /// <summary>Name of <see cref="PlatformKind.Ideal"/>.</summary>
    public const string Ideal = "ideal";

    /// <summary>Every name, the default first.</summary>
    public static readonly string[] All = { Esp32Nf, Ideal };

    /// <summary>The name of a platform.</summary>
    public static string Name(PlatformKind kind) => kind == PlatformKind.Ideal ? Ideal : Esp32Nf;

    /// <summary>Parses a name (case-insensitive); false for an unknown one.</summary>
    public static bool TryParse(string? name, out PlatformKind kind)
    {
        kind = PlatformKind.Esp32Nf;
        if (string.Equals(name, Esp32Nf, StringComparison.OrdinalIgnoreCase)) return true;
        if (string.Equals(name, Ideal, StringComparison.OrdinalIgnoreCase)) { kind = PlatformKind.Ideal; return true; }
        return false;
    }
}
