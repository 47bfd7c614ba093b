using MnPen.Hal.Simulator.Physics;

namespace MnPen.Hal.Simulator.Parameters;

/// <summary>
/// One pen of a population: its parts drawn within <see cref="PenTolerances"/> from (seed, index), as built and
/// calibrated, and again after drifting within <see cref="PenAgeing"/> until the run. Pen 0 of every seed is the
/// reference pen (nominal parts, no ageing), so a one-pen run is the reference design and replays earlier figures
/// bit for bit; pens 1, 2, … are drawn. The same (seed, index) always draws the same pen.
/// </summary>
public sealed class PenDraw
{
    /// <summary>Random stream of the parts (stream index·4 + k: 0 parts, 1 ageing, 2 the calibration station's instrument errors, 3 the ADC chip and the protective channel's parts).</summary>
    public const ulong PartsStream = 0, AgeingStream = 1, StationStream = 2, AdcStream = 3;

    private const ulong DrawSalt = 0x50454E5F44524157UL;   // "PEN_DRAW": keeps the draw apart from the boards' noise streams
    private readonly List<(string Name, double Value, double Limit, string Unit)> _deviations = new();

    private PenDraw(ulong seed, int index)
    {
        Seed = seed;
        Index = index;
    }

    /// <summary>Population seed (the run's --seed).</summary>
    public ulong Seed { get; }

    /// <summary>Index of the pen in the population (0 = the reference pen).</summary>
    public int Index { get; }

    /// <summary>True for pen 0: nominal parts, no ageing.</summary>
    public bool IsReference => Index == 0;

    /// <summary>Seed of the pen's sensor noise: pen 0 has the population seed itself, so it replays a one-pen run exactly.</summary>
    public ulong NoiseSeed => NoiseSeedOf(Seed, Index);

    /// <summary>Its parts when it was calibrated.</summary>
    public SimParameters AsCalibrated { get; private set; } = SimParameters.Default();

    /// <summary>Its parts at the run, after ageing since the calibration.</summary>
    public SimParameters AsRun { get; private set; } = SimParameters.Default();

    /// <summary>Each drawn deviation: name, value, its stated limit (±) and unit (relative values are fractions).</summary>
    public IReadOnlyList<(string Name, double Value, double Limit, string Unit)> Deviations => _deviations;

    /// <summary>Noise seed of pen index of a population.</summary>
    public static ulong NoiseSeedOf(ulong seed, int index) => unchecked(seed + (ulong)index * 7919UL);

    /// <summary>A random stream of this pen (k: PartsStream, AgeingStream, StationStream, AdcStream).</summary>
    public static SimRandom Stream(ulong seed, int index, ulong k) => new(seed ^ DrawSalt, (ulong)index * 4 + k);

    /// <summary>Draws pen index of the population of seed within the tolerances and ageing limits (defaults: production, one interval).</summary>
    public static PenDraw Draw(ulong seed, int index, PenTolerances? tolerances = null, PenAgeing? ageing = null)
    {
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(index), "pen index must be 0 or more");
        var pen = new PenDraw(seed, index);
        if (index == 0) return pen;
        var t = tolerances ?? PenTolerances.Production();
        var a = ageing ?? PenAgeing.OneInterval();
        var p = SimParameters.Default();
        var r = Stream(seed, index, PartsStream);

        double k = pen.Rel(r, "motor.constant", t.MotorConstant);
        p.Motor.TorqueNewtonMetresPerAmp *= k;
        p.Motor.BackEmfVoltSecondsPerRad *= k;
        p.Motor.ResistanceOhms *= pen.Rel(r, "motor.resistance", t.MotorResistance);
        p.Motor.RotorInertiaKgM2 *= pen.Rel(r, "motor.inertia", t.RotorInertia);
        p.Motor.CoulombFrictionNewtonMetres *= pen.Rel(r, "motor.friction", t.MotorFriction);
        p.Cam.MechanismInertiaKgM2 *= pen.Rel(r, "mechanism.inertia", t.MechanismInertia);
        p.Cam.MechanismFrictionNewtonMetres *= pen.Rel(r, "mechanism.friction", t.MechanismFriction);
        p.Cam.HallAngleRadians += pen.Abs(r, "hall.angle", t.HallAngleRadians, "rad");

        var d = p.DepthActuator;
        d.SetPointGain *= pen.Rel(r, "actuator.gain", t.ActuatorGain);
        d.SetPointOffsetFraction += pen.Abs(r, "actuator.offset", t.ActuatorOffsetFraction, "travel");
        d.SetPointBow += pen.Abs(r, "actuator.bow", t.ActuatorBow, "travel");
        d.TimeConstantSeconds *= pen.Rel(r, "actuator.time_constant", t.ActuatorTimeConstant);
        d.SlewMetresPerSecond *= pen.Rel(r, "actuator.slew", t.ActuatorSlew);
        double span = (d.PotCountsAtFullTravel - d.PotCountsAtZero) * pen.Rel(r, "pot.span", t.PotSpan);
        d.PotCountsAtZero += pen.Abs(r, "pot.offset", t.PotOffsetCounts, "counts");
        d.PotCountsAtFullTravel = d.PotCountsAtZero + span;
        d.PotNonlinearityFraction = pen.Abs(r, "pot.nonlinearity", t.PotNonlinearity, "span");

        p.Ntc.R25Ohms *= pen.Rel(r, "ntc.r25", t.NtcR25);
        p.Ntc.BetaKelvin *= pen.Rel(r, "ntc.beta", t.NtcBeta);
        p.Ntc.PullUpOhms *= pen.Rel(r, "ntc.pull_up", t.Resistor);
        // Battery divider (BatteryParameters.DividerRatio, 150k over 50k): each resistor on its own, the ratio follows.
        // The top-to-bottom ratio comes from the nominal divider, so a change of divider reaches every drawn pen.
        double nominalTop = (1.0 - p.Battery.DividerRatio) / p.Battery.DividerRatio;
        double top = nominalTop * pen.Rel(r, "divider.top", t.Resistor), bottom = pen.Rel(r, "divider.bottom", t.Resistor);
        p.Battery.DividerRatio = bottom / (top + bottom);
        p.CurrentSense.GainVoltsPerAmp *= pen.Rel(r, "current_sense.gain", t.CurrentSenseGain);
        p.CurrentSense.OffsetMillivolts += pen.Abs(r, "current_sense.offset", t.CurrentSenseOffsetMillivolts, "mV");
        p.Battery.CapacityAmpHours *= pen.Rel(r, "battery.capacity", t.BatteryCapacity);
        p.Battery.InternalResistanceOhms *= pen.Rel(r, "battery.resistance", t.BatteryResistance);
        pen.DrawChips(p, t);
        pen.AsCalibrated = p;
        pen.AsRun = pen.Aged(p, a);
        return pen;
    }

    // The ESP32-S3 (its ADC) and the protective channel's window watchdog and thermal comparator, on their own stream
    // so adding them left the other parts of every earlier pen as they were.
    private void DrawChips(SimParameters p, PenTolerances t)
    {
        var r = Stream(Seed, Index, AdcStream);
        ulong chipSeed = r.NextULong();
        if (t.AdcChipSpread)
        {
            p.Adc = AdcChipParameters.Draw(chipSeed);
            _deviations.Add(("adc.vref", p.Adc.VrefMillivolts - AdcChipParameters.NominalVrefMillivolts, AdcChipParameters.VrefSpreadMillivolts, "mV"));
            _deviations.Add(("adc.offset", p.Adc.OffsetCounts, AdcChipParameters.OffsetSpreadCounts, "counts"));
            _deviations.Add(("adc.inl", p.Adc.InlBowCounts, AdcChipParameters.InlBoundCounts, "counts"));
        }
        p.Protective.WatchdogOscillatorError = Abs(r, "watchdog.oscillator", t.WatchdogOscillator, "fraction");
        p.Protective.ThermalTripCelsius += Abs(r, "comparator.offset", t.ComparatorOffsetKelvin, "K")
            + Abs(r, "comparator.network", t.ComparatorNetworkKelvin, "K");
    }

    private SimParameters Aged(SimParameters calibrated, PenAgeing a)
    {
        var p = calibrated.Clone();
        var r = Stream(Seed, Index, AgeingStream);
        var d = p.DepthActuator;
        double span = (d.PotCountsAtFullTravel - d.PotCountsAtZero) * Rel(r, "ageing.pot.span", a.PotSpan);
        d.PotCountsAtZero += Abs(r, "ageing.pot.offset", a.PotOffsetCounts, "counts");
        d.PotCountsAtFullTravel = d.PotCountsAtZero + span;
        d.SetPointGain *= Rel(r, "ageing.actuator.gain", a.ActuatorGain);
        double friction = 1.0 + Rise(r, "ageing.friction", a.FrictionIncrease);
        p.Motor.CoulombFrictionNewtonMetres *= friction;
        p.Cam.MechanismFrictionNewtonMetres *= friction;
        double k = 1.0 - Rise(r, "ageing.motor.constant_loss", a.MotorConstantLoss);
        p.Motor.TorqueNewtonMetresPerAmp *= k;
        p.Motor.BackEmfVoltSecondsPerRad *= k;
        p.Battery.InternalResistanceOhms *= 1.0 + Rise(r, "ageing.battery.resistance", a.BatteryResistanceIncrease);
        p.Battery.CapacityAmpHours *= 1.0 - Rise(r, "ageing.battery.capacity_fade", a.BatteryCapacityFade);
        return p;
    }

    // Uniform in ±limit as a factor 1 + u; recorded as the fraction u.
    private double Rel(SimRandom r, string name, double limit)
    {
        double u = (2.0 * r.NextDouble() - 1.0) * limit;
        _deviations.Add((name, u, limit, "fraction"));
        return 1.0 + u;
    }

    // Uniform in ±limit, absolute.
    private double Abs(SimRandom r, string name, double limit, string unit)
    {
        double u = (2.0 * r.NextDouble() - 1.0) * limit;
        _deviations.Add((name, u, limit, unit));
        return u;
    }

    // Uniform in 0..limit (ageing that goes one way).
    private double Rise(SimRandom r, string name, double limit)
    {
        double u = r.NextDouble() * limit;
        _deviations.Add((name, u, limit, "fraction"));
        return u;
    }

    /// <summary>One line naming the pen and its largest deviations relative to their limits (for reports).</summary>
    public string Describe(int largest = 4)
    {
        if (IsReference) return $"pen {Index} of seed {Seed}: the reference pen (nominal parts, no ageing)";
        var top = _deviations.Where(x => x.Limit > 0).OrderByDescending(x => Math.Abs(x.Value) / x.Limit).Take(largest)
            .Select(x => x.Name + " " + (x.Unit == "fraction" ? (x.Value * 100).ToString("+0.0;-0.0") + " %" : x.Value.ToString("+0.###;-0.###") + " " + x.Unit));
        return $"pen {Index} of seed {Seed}: " + string.Join(", ", top);
    }
}
