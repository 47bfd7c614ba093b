using MnPen.Hal.Simulator;

namespace MnPen.Bench.Suites;

/// <summary>
/// The shape of the endurance suite's working day. Full: 16 client slots of 30 minutes (8 hours; a clinic books a
/// microneedling treatment at 30-60 minutes, the short end gives the most cartridge swaps and starts), three treatment
/// areas per client of 2 minutes of needling each (face, neck, décolletage; 2 minutes keeps each run below the pen's
/// 10-minute continuous-run limit, PenConfig.MaxContinuousRunSeconds), 30 s between areas to reposition; the rest of the
/// slot the pen lies on its tray and sleeps and switches itself off under its own rules (PenConfig).
/// </summary>
public sealed record DayPlan(int Clients, double SlotSeconds, double AreaSeconds, double RepositionSeconds)
{
    /// <summary>The full 8-hour day.</summary>
    public static readonly DayPlan Full = new(16, 1800, 120, 30);

    /// <summary>`--quick` and the unit tests: an hour, four clients in 15-minute slots (long enough to sleep and switch off; the fourth meets a fault), 20 s per area.</summary>
    public static readonly DayPlan Quick = new(4, 900, 20, 5);

    /// <summary>Treatment areas of every client: level (0-based), depth and skin; the level steps up by one half-way.</summary>
    public static readonly (int Level, double DepthMm, SkinProfile Skin)[] Areas =
    {
        (3, 1.0, SkinProfile.Nominal), (4, 1.5, SkinProfile.Tough), (1, 0.5, SkinProfile.Soft),
    };

    /// <summary>Faults a clinic meets in a day and clears itself (acknowledge policy, docs/faults.md), one every fourth client in turn.</summary>
    public static readonly string[] Faults = { "cartridge-removed", "cartridge-jam", "driver-fault" };

    /// <summary>Simulated length of the day, hours.</summary>
    public double Hours => Clients * SlotSeconds / 3600.0;
}
