namespace MnPen.Hal.Simulator.Parameters;

/// <summary>
/// Production tolerances of the pen's parts, the band each drawn pen (<see cref="PenDraw"/>) lies in: relative values
/// are ± fractions of the reference pen's value, absolute ones are in the unit named. Each value carries its source.
/// A pen is drawn uniformly over every band, so corners are as likely as the centre — harsher than the roughly normal
/// spread of real production, which is the point of a sign-off population.
/// </summary>
public sealed class PenTolerances
{
    // ---------------------------------------------------------------- motor (coreless DC, 17 mm class)

    /// <summary>
    /// Torque / back-EMF constant, ± fraction. Makers of 16-17 mm coreless motors (maxon, Faulhaber catalogue notes)
    /// quote their constants as typical values with about ±10 % unit-to-unit spread; Kt and Ke move together (one magnet).
    /// </summary>
    public double MotorConstant { get; set; } = 0.10;

    /// <summary>Terminal resistance, ± fraction: winding wire and brush contact, same catalogue class (±10 % typical, ±12 % quoted by some).</summary>
    public double MotorResistance { get; set; } = 0.12;

    /// <summary>Rotor inertia, ± fraction (winding mass spread; catalogue typical ±5 %).</summary>
    public double RotorInertia { get; set; } = 0.05;

    /// <summary>Motor Coulomb (brush + bearing) friction, ± fraction: the no-load current spread of such motors is about ±30 % (data sheet "no-load current" is typical, not a limit).</summary>
    public double MotorFriction { get; set; } = 0.30;

    /// <summary>Mechanism (cam, carrier, seal) inertia, ± fraction: moulded-part mass spread, engineering estimate.</summary>
    public double MechanismInertia { get; set; } = 0.10;

    /// <summary>Mechanism friction (carrier guide, cartridge seal fit), ± fraction: engineering estimate for a moulded guide, no data sheet.</summary>
    public double MechanismFriction { get; set; } = 0.30;

    /// <summary>Hall magnet position on the cam, ± radian (±6°: a press-fitted magnet in a moulded pocket, engineering estimate).</summary>
    public double HallAngleRadians { get; set; } = 0.10;

    // ---------------------------------------------------------------- depth actuator and its potentiometer

    /// <summary>Actuator set-point gain, ± fraction (small linear servo; no data sheet gives unit spread: engineering estimate, covered by the per-pen depth map).</summary>
    public double ActuatorGain { get; set; } = 0.05;

    /// <summary>Actuator set-point offset, ± fraction of travel (servo centring spread, same estimate).</summary>
    public double ActuatorOffsetFraction { get; set; } = 0.01;

    /// <summary>Actuator characteristic bow, ± absolute fraction of travel around the reference 0.05.</summary>
    public double ActuatorBow { get; set; } = 0.02;

    /// <summary>Actuator time constant, ± fraction (servo loop gain spread, engineering estimate).</summary>
    public double ActuatorTimeConstant { get; set; } = 0.20;

    /// <summary>Actuator slew limit, ± fraction (servo motor speed constant, ±10 % as for the main motor).</summary>
    public double ActuatorSlew { get; set; } = 0.10;

    /// <summary>
    /// Potentiometer zero offset, ± ADC counts: where the wiper sits when the needle is on its lower stop. A design
    /// requirement on assembly, not a part property: the firmware's broken-pot window (SafetyLimits.DepthFeedbackMinRaw
    /// 80 .. DepthFeedbackMaxRaw 4020) leaves 120 counts below the reference 200 and above the reference 3900; offset
    /// ± 50, span ± 1 %, ageing and noise use up to 115 of them (docs/simulator.md, "Population of pens"). ±50 counts is
    /// ±0.04 mm of pot-to-actuator assembly, which needs a located (pinned) pot mount.
    /// </summary>
    public double PotOffsetCounts { get; set; } = 50.0;

    /// <summary>
    /// Potentiometer span (electrical travel over the mechanical travel), ± fraction. Needed by the same window: ±1 %
    /// (conductive-plastic position sensors are specified down to ±1 % of electrical travel as a selected grade;
    /// the common ±3 % grade would read past 4020 counts at full travel on some pens).
    /// </summary>
    public double PotSpan { get; set; } = 0.01;

    /// <summary>Potentiometer independent linearity, ± fraction of span (conductive-plastic linear position sensors: ±1 % typical data-sheet figure).</summary>
    public double PotNonlinearity { get; set; } = 0.01;

    // ---------------------------------------------------------------- thermistor, dividers, current sense

    /// <summary>NTC resistance at 25 °C, ± fraction (Murata NCP / TDK NTCG "F" tolerance class: ±1 % R25).</summary>
    public double NtcR25 { get; set; } = 0.01;

    /// <summary>NTC B constant, ± fraction (same data sheets: B25/50 ±1 %).</summary>
    public double NtcBeta { get; set; } = 0.01;

    /// <summary>Each resistor of the NTC pull-up and the battery divider, ± fraction (1 % thick-film chip resistors, e.g. Yageo RC0603FR).</summary>
    public double Resistor { get; set; } = 0.01;

    /// <summary>
    /// Current-sense gain, ± fraction: the DRV8876 IPROPI mirror's error (AERR) with the 1 % 910 Ω resistor. DRV8876 data
    /// sheet SLVSDS7, 6.5 Electrical Characteristics, AERR: ±4 % at 0.5-2 A (HTSSOP, V_VM ≥ 5.5 V, T_J < 125 °C), as quoted
    /// from the current PDF by a public design review; the stored SLVSDS7B copy ends before the row, and no figure below
    /// 0.5 A was reached. ±10 % covers ±4 % + 1 % above 0.5 A (so the overcurrent headroom, 2.5 A at +10 %, is
    /// conservative) and stands for the unread rows below it (docs/safety/sensing-budget.md, "Part figures"). TI defines
    /// AERR as the offset error added to IOUT together with the gain error (DRV8234 SLVSH03, DRV8215 SLVSHO5, DRV8231A
    /// SLVSFZ8, "Current Sensing"); the sibling DRV8244-Q1 gives ±5 % above 1.2 A, ±20 % at 0.3-1.2 A, ±50 % at 0.1-0.3 A
    /// (JAJSNT5C, AI_ERR): the growth at small currents is the offset's share, drawn below. The factory measures the gain
    /// per pen.
    /// </summary>
    public double CurrentSenseGain { get; set; } = 0.10;

    /// <summary>
    /// Current-sense offset at the ADC pin, ± millivolt: the mirror's offset current into 910 Ω (±5 mV ≈ ±5.5 µA) about the
    /// reference board's 3.2 mV. An engineering figure: the DRV8876's offset is inside its AERR, whose rows below 0.5 A
    /// were not reached (the DRV8244-Q1 gives 15 µA typical at IOUT = 0 for its own, larger mirror ratio). The pin cannot go below 0 V (the
    /// mirror only sources current, CurrentSense clamps it); the converter's own offset is AdcChipParameters'.
    /// </summary>
    public double CurrentSenseOffsetMillivolts { get; set; } = 5.0;

    // ---------------------------------------------------------------- battery

    /// <summary>Pack capacity, ± fraction (18350 cell data sheets: minimum capacity about 5 % under typical).</summary>
    public double BatteryCapacity { get; set; } = 0.05;

    /// <summary>Pack internal resistance, ± fraction (cell AC impedance is a "≤" figure; cells in a lot spread about ±20 %, plus FETs and wiring).</summary>
    public double BatteryResistance { get; set; } = 0.20;

    // ---------------------------------------------------------------- ADC and the hardware protective channel

    /// <summary>
    /// True: each drawn pen gets its own ESP32-S3 ADC chip from <see cref="AdcChipParameters.Draw"/> (reference
    /// 1000..1200 mV, offset ±30 counts, INL ±8 LSB; the sources are beside those bounds), seeded from the pen's
    /// PenDraw.AdcStream. False keeps the median chip (for isolating the ADC's share of a figure).
    /// </summary>
    public bool AdcChipSpread { get; set; } = true;

    /// <summary>
    /// Window watchdog oscillator error, ± fraction: TPS3430 (SBVS366A, 6.6 Timing Requirements) tWDL 19.1/22.5/25.9 ms
    /// and tWDU 46.8/55.0/63.3 ms min/typ/max, i.e. −15.1 %/+15.1 % about typical; both window edges share the one oscillator.
    /// </summary>
    public double WatchdogOscillator { get; set; } = 0.151;

    /// <summary>
    /// Thermal comparator input offset as a trip shift, ± kelvin. TLV3691 data sheet SBOS694A (rev. November 2015),
    /// 6.5 Electrical Characteristics, V_OS: ±3 mV typical, ±15 mV max at T_A = 25 °C, ±22 mV max over T_A = −40 to
    /// 125 °C. The comparator sits in the handpiece at 20-45 °C, where only the full-range limit is guaranteed (the
    /// 25 °C one was drawn before, ±0.45 K): ±22 mV over the divider's −33.3 mV/K at the trip (R(T) of the B3950 NTC
    /// under 5.1 kΩ from 3.3 V) is ±0.67 K. The data sheet gives no offset drift limit, so no finer bound at 40 °C.
    /// </summary>
    public double ComparatorOffsetKelvin { get; set; } = 0.67;

    /// <summary>
    /// The comparator's own NTC bead and divider as a trip shift, ± kelvin: R25 ±1 % ≈ ±0.25 K, B ±1 % ≈ ±0.17 K at 40 °C,
    /// 0.1 % pull-up and reference divider ≈ ±0.05 K (the budget in ProtectiveChannelParameters.ThermalTripCelsius).
    /// </summary>
    public double ComparatorNetworkKelvin { get; set; } = 0.47;

    /// <summary>The production tolerances of the reference design.</summary>
    public static PenTolerances Production() => new();

    /// <summary>Copy of these tolerances.</summary>
    public PenTolerances Clone() => (PenTolerances)MemberwiseClone();
}
