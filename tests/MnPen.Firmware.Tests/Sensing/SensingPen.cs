using MnPen.Hal.Simulator.Parameters;
using MnPen.Hal.Simulator.Physics;

namespace MnPen.Firmware.Tests.Sensing;

/// <summary>
/// One pen of the sensing population: its ESP32-S3 chip (AdcChipParameters.Draw) and the analogue parts of the
/// thermistor and battery chains at their tolerance bounds (uniform draws; docs/safety/sensing-budget.md lists the
/// sources). A pen population draw elsewhere may supply these parts instead; the chip draw stays its own.
/// </summary>
internal sealed class SensingPen
{
    public required ulong Seed { get; init; }
    public required SimParameters Parameters { get; init; }

    public override string ToString() =>
        $"pen {Seed}: {Parameters.Adc}; NTC R25 {Parameters.Ntc.R25Ohms:0} Ω B {Parameters.Ntc.BetaKelvin:0} K, pull-up {Parameters.Ntc.PullUpOhms:0} Ω, " +
        $"rail {Parameters.Ntc.SupplyVolts:0.000} V, divider {Parameters.Battery.DividerRatio:0.00000}";

    /// <summary>Pen seed → parts: NTC R25 ±1 %, B ±1 %, pull-up ±1 %, 3.3 V rail ±2 %, divider ratio ±1 %, and a chip.</summary>
    public static SensingPen Draw(ulong seed)
    {
        var r = new SimRandom(seed, 0x5E45);
        double U() => 2 * r.NextDouble() - 1;
        var p = SimParameters.Default();
        p.Adc = AdcChipParameters.Draw(seed);
        p.Ntc.R25Ohms *= 1 + 0.01 * U();
        p.Ntc.BetaKelvin *= 1 + 0.01 * U();
        p.Ntc.PullUpOhms *= 1 + 0.01 * U();
        p.Ntc.SupplyVolts *= 1 + 0.02 * U();
        p.Battery.DividerRatio *= 1 + 0.01 * U();
        return new SensingPen { Seed = seed, Parameters = p };
    }
}
