namespace MnPen.Hal.Simulator.Parameters;

/// <summary>
/// The stroke sensor: a chopper-stabilised unipolar hall switch (TI DRV5021/DRV5023 class, open-drain output with a
/// pull-up) facing a magnet on the cam. The switch does not see the field continuously: it samples the hall element on
/// its own clock, so each output edge comes on that clock's grid, late by up to a sampling period plus the time to
/// process the sample.
/// </summary>
public sealed class HallSwitchParameters
{
    /// <summary>
    /// Internal sampling period, microseconds: TI DRV5021 data sheet (SLIS179, section 7.3.5 "Propagation Delay"): "samples
    /// the Hall element at a nominal sampling period of 16.67 µs".
    /// </summary>
    public double SamplingPeriodMicros { get; set; } = 16.67;

    /// <summary>
    /// Time from the sample that sees the field cross a threshold to the output changing, microseconds. Assumed one
    /// sampling period (the sample is integrated over its period before the Schmitt trigger decides), which with the
    /// wait for the next sample makes the output 16.7-33.3 µs late; the open-drain rise through a 10 kΩ pull-up and
    /// ~20 pF (2.2·RC ≈ 0.4 µs) is inside that.
    /// </summary>
    public double OutputDelayMicros { get; set; } = 16.67;

    /// <summary>
    /// After its supply returns the output is invalid (released) for this long, microseconds: TI DRV5023 data sheet
    /// (SLIS151G, features: "Fast 35-µs Power-On Time").
    /// </summary>
    public double PowerOnMicros { get; set; } = 35.0;

    /// <summary>
    /// Cam angle over which the magnet holds the output operated, radian (field above the operate point B_OP until it
    /// falls below the release point B_RP). Assumed 40°: a small diametric magnet on the cam passing the switch at about
    /// 1 mm, against a DRV5023FA's 3.5 mT / 2.0 mT switch points; per pen it varies with the gap.
    /// </summary>
    public double PulseWidthRadians { get; set; } = 40.0 * Math.PI / 180.0;

    /// <summary>
    /// Length of a spurious operate pulse (a stray field or the magnet's bounce at release; fault hall-extra),
    /// microseconds: three samples, well past the ESP32 PCNT's glitch filter (at most 1023 APB cycles = 12.8 µs at 80 MHz,
    /// ESP32-S3 TRM, PCNT chapter), so the counter counts it.
    /// </summary>
    public double ExtraPulseMicros { get; set; } = 50.0;

    /// <summary>Copy of these parameters.</summary>
    public HallSwitchParameters Clone() => (HallSwitchParameters)MemberwiseClone();
}
