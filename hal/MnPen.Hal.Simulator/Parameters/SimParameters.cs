namespace MnPen.Hal.Simulator.Parameters;

/// <summary>The full parameter set of the virtual board; defaults are the reference pen (docs/simulator.md).</summary>
public sealed class SimParameters
{
    /// <summary>
    /// Physics substep, microseconds. The electrical update is exact and the cam load uses the midpoint rule, so the
    /// substep only limits mechanical resolution: at 150 strokes/s a 200 µs substep is 33 points per stroke, and the
    /// loaded mean stroke rate agrees with a 10 µs reference run to 1e-5 (test Substep_size_does_not_change_...).
    /// Five substeps per 1 ms control tick keep the board well under the sim-speedup budget.
    /// </summary>
    public int SubstepMicros { get; set; } = 200;

    /// <summary>ADC full-scale count.</summary>
    public int AdcMaxCount { get; set; } = 4095;

    /// <summary>ADC nominal full-scale input, millivolt: the median ESP32-S3 at 12 dB (ESP-IDF attenuation table, 0–3100 mV).</summary>
    public int AdcReferenceMillivolts { get; set; } = 3100;

    /// <summary>The pen's ESP32-S3 ADC (reference, offset, INL); the median chip unless a population draw sets one.</summary>
    public AdcChipParameters Adc { get; set; } = new();

    /// <summary>Motor.</summary>
    public DcMotorParameters Motor { get; set; } = new();

    /// <summary>H-bridge.</summary>
    public HBridgeParameters Bridge { get; set; } = new();

    /// <summary>Cam and needle carrier.</summary>
    public CamParameters Cam { get; set; } = new();

    /// <summary>Skin load.</summary>
    public SkinParameters Skin { get; set; } = new();

    /// <summary>Depth actuator and its feedback pot.</summary>
    public DepthActuatorParameters DepthActuator { get; set; } = new();

    /// <summary>Thermal network.</summary>
    public ThermalParameters Thermal { get; set; } = new();

    /// <summary>Battery pack.</summary>
    public BatteryParameters Battery { get; set; } = new();

    /// <summary>Motor current sense.</summary>
    public CurrentSenseParameters CurrentSense { get; set; } = new();

    /// <summary>Thermistor.</summary>
    public NtcParameters Ntc { get; set; } = new();

    /// <summary>Internal flash write timing.</summary>
    public FlashParameters Flash { get; set; } = new();

    /// <summary>Hall switch (stroke sensor).</summary>
    public HallSwitchParameters Hall { get; set; } = new();

    /// <summary>Hardware protective channel (window watchdog, thermal comparator, gate delay).</summary>
    public ProtectiveChannelParameters Protective { get; set; } = new();

    /// <summary>The reference pen's parameters.</summary>
    public static SimParameters Default() => new();

    /// <summary>Deep copy, so one board's changes never leak into another's.</summary>
    public SimParameters Clone() => new()
    {
        SubstepMicros = SubstepMicros,
        AdcMaxCount = AdcMaxCount,
        AdcReferenceMillivolts = AdcReferenceMillivolts,
        Motor = Motor.Clone(),
        Bridge = Bridge.Clone(),
        Cam = Cam.Clone(),
        Skin = Skin.Clone(),
        DepthActuator = DepthActuator.Clone(),
        Thermal = Thermal.Clone(),
        Battery = Battery.Clone(),
        CurrentSense = CurrentSense.Clone(),
        Ntc = Ntc.Clone(),
        Flash = Flash.Clone(),
        Hall = Hall.Clone(),
        Protective = Protective.Clone(),
        Adc = Adc.Clone(),
    };
}
