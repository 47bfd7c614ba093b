namespace MnPen.Hal.Simulator.Parameters;

/// <summary>
/// The hardware protective channel of the reference board (docs/hardware.md, "Hardware protective channel"): window
/// watchdog, thermal comparator and the gate's RC delay. Typical figures by default; the data-sheet limits are beside each.
/// </summary>
public sealed class ProtectiveChannelParameters
{
    /// <summary>
    /// TPS3430 closed window (kicks earlier are faults), CWD = NC, SET0 = 0, SET1 = 0: 19.1 / 22.5 / 25.9 ms
    /// min / typ / max (TPS3430 data sheet SBVS366A, 6.6 Timing Requirements, tWDL). Microseconds of the part's own oscillator.
    /// </summary>
    public int WatchdogLowerMicros { get; set; } = 22_500;

    /// <summary>TPS3430 window end (no kick by then is a fault), same configuration: 46.8 / 55.0 / 63.3 ms (tWDU).</summary>
    public int WatchdogUpperMicros { get; set; } = 55_000;

    /// <summary>
    /// This part's oscillator against true time: its windows last (1 + error) × the figures above. The data sheet's
    /// min/max spread is about ±15 % (19.1/22.5, 25.9/22.5); 0 = a typical part.
    /// </summary>
    public double WatchdogOscillatorError { get; set; }

    /// <summary>WDO low time after a window fault, CRST = NC: 170 / 200 / 230 ms (tRST). The gate's fault memory holds longer.</summary>
    public int WatchdogResetPulseMicros { get; set; } = 200_000;

    /// <summary>
    /// Comparator trip, °C at its own NTC bead (needle guide): 10 kΩ B3950 NTC to ground, 5.1 kΩ 0.1 % pull-up, reference
    /// divider from the same 3.3 V (ratiometric). Nominal 39.6 °C (NTC 5.39 kΩ, node 0.514 × VCC) so that the worst case
    /// (NTC R25 ±1 % ≈ ±0.25 K, B ±1 % ≈ ±0.17 K, TLV3691 offset ±22 mV max over −40..125 °C (SBOS694A 6.5) at
    /// −33.3 mV/K ≈ ±0.67 K, resistors ≈ ±0.05 K: 1.14 K, so 40.74 °C) plus the bead's lag behind the guide while it
    /// heats (≤ 0.2 K at the matrix's fastest heating) stays at or below 41 °C. It was 39.8 °C with the offset's 25 °C
    /// limit (±15 mV), which does not hold at the handpiece's temperature: 39.8 + 1.14 + 0.2 = 41.14 °C.
    /// </summary>
    public double ThermalTripCelsius { get; set; } = 39.6;

    /// <summary>Comparator hysteresis (feedback resistor from the output), kelvin: it re-closes at trip − hysteresis.</summary>
    public double ThermalHysteresisKelvin { get; set; } = 2.0;

    /// <summary>Thermal time constant of the comparator's own bead, bonded beside the firmware's NTC, second.</summary>
    public double ThermalBeadTimeConstantSeconds { get; set; } = 1.5;

    /// <summary>
    /// Delay from the gate opening to nSLEEP falling: RC 100 kΩ (1 %) × 220 nF (X7R ±10 %) discharging into a 74LVC1G17
    /// Schmitt buffer, which switches at its negative-going threshold V_T−. LVC Schmitt inputs at V_CC = 3.0 V,
    /// −40..85 °C: V_T− 0.60 / 1.04 / 1.50 V min / typ / max, the same fraction of V_CC at 2.3 V and 4.5 V (NXP 74LVC3G17
    /// data sheet Rev. 06, table 11 "Transfer characteristics"; the 74LVC1G17 is the single gate of the same LVC
    /// Schmitt family), i.e. 0.20 / 0.347 / 0.50 × V_CC. Delay τ·ln(V_CC / V_T−): typical 22 ms × ln(1/0.347) = 23.3 ms;
    /// shortest (C −10 %, R −1 %, V_T− max) 19.6 ms × ln 2 = 13.6 ms (<see cref="SleepDelayShortestMicros"/>); longest
    /// (C +10 %, R +1 %, V_T− min) 24.4 ms × ln 5 = 39.3 ms (<see cref="SleepDelayLongestMicros"/>). EN is cut at once:
    /// in PH/EN mode nSLEEP high with EN low is brake, both low-side FETs on (DRV8876 data sheet SLVSDS7B and DRV8874
    /// SLVSF66A, 7.3.2.1 "PH/EN Control Mode", table 3: nSLEEP 1, EN 0 → OUT1 L, OUT2 L, "Brake (Low-Side Slow Decay)";
    /// nSLEEP 0 → Hi-Z, "Sleep"). So a hardware cut brakes for this delay and then coasts (and the driver's fault latch
    /// clears); docs/safety/hazards.md, "Two channels", states why the channel does not brake to standstill.
    /// </summary>
    public int SleepDelayMicros { get; set; } = 23_300;

    /// <summary>Shortest RC delay of a built board (see <see cref="SleepDelayMicros"/>): the least braking a hardware cut gets.</summary>
    public const int SleepDelayShortestMicros = 13_600;

    /// <summary>Longest RC delay of a built board (see <see cref="SleepDelayMicros"/>): how late the read-back pin can show a cut.</summary>
    public const int SleepDelayLongestMicros = 39_300;

    /// <summary>Copy of these parameters.</summary>
    public ProtectiveChannelParameters Clone() => (ProtectiveChannelParameters)MemberwiseClone();
}
