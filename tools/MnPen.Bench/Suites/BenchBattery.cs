namespace MnPen.Bench.Suites;

/// <summary>
/// Battery conditions of the accuracy suites. "full": a fresh pack (8.4 V open circuit). "sagging": a half-spent pack
/// (7.2 V open circuit) with aged cells (the simulator's battery-sag fault adds series resistance), so the terminal
/// voltage drops with every load change and keeps drifting with the load.
/// </summary>
public sealed record BenchBattery(string Name, double OpenCircuitVolts, double ExtraOhms)
{
    /// <summary>Fresh pack.</summary>
    public static readonly BenchBattery Full = new("full", 8.4, 0.0);

    /// <summary>Half-spent pack with aged cells.</summary>
    public static readonly BenchBattery Sagging = new("sagging", 7.2, 0.5);

    /// <summary>Both conditions.</summary>
    public static readonly BenchBattery[] All = { Full, Sagging };
}
