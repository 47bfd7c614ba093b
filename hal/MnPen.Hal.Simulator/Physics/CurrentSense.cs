using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Hal.Simulator.Physics;

/// <summary>
/// IPROPI current mirror → sense resistor → RC filter → ADC: gain, offset, noise and quantisation. The DRV8876 mirrors the
/// drain-to-source current of its low-side FETs (data sheet SLVSDS7B, 7.3.3.1): the winding current in drive and, in
/// brake (both low sides on), the braking current through the one low side that carries it drain to source, so the
/// powertrain passes the magnitude while the bridge is awake and zero while it sleeps (coast: the current freewheels
/// source to drain and is not mirrored). The IPROPI node also feeds the rate loop's averaging RC (series R into C to ground,
/// read on its own ADC pin, <see cref="MeanNode"/>): its state, the pin's leakage and each conversion's charge are modelled,
/// and so is the branch's loading of the fast node.
/// </summary>
public sealed class CurrentSense : MnPen.Hal.Simulator.Devices.IAdcSource
{
    private readonly CurrentSenseParameters _p;
    private readonly SimRandom _noise;
    private readonly Devices.Esp32S3AdcTransfer _adc;
    private readonly double _stdStep;
    private readonly double _stdFactor;
    private readonly double _meanTau;
    private readonly double _meanBiasShare;
    private readonly double _meanStdFactor;
    private readonly double _senseOhms;

    /// <summary>Creates the sense chain.</summary>
    public CurrentSense(CurrentSenseParameters parameters, SimRandom noise, Devices.Esp32S3AdcTransfer adc, double stdStepSeconds)
    {
        _p = parameters;
        _noise = noise;
        _adc = adc;
        _stdStep = stdStepSeconds;
        _stdFactor = 1.0 - Math.Exp(-stdStepSeconds / parameters.FilterTimeConstantSeconds);
        // The bias resistor's share of the node, R_s / R_b (0: no bias); the capacitor sees R_s in parallel with R_b
        // (100 k ∥ 4.7 M: 14.7 ms for 15).
        double rs = parameters.MeanFilterSeriesOhms, rb = parameters.MeanBiasOhms;
        _meanBiasShare = rb > 0 ? rs / rb : 0.0;
        _meanTau = (rb > 0 ? rs * rb / (rs + rb) : rs) * parameters.MeanFilterFarads;
        _meanStdFactor = _meanTau > 0 ? 1.0 - Math.Exp(-stdStepSeconds / _meanTau) : 1.0;
        // A_IPROPI = 1000 µA/A: the transimpedance in V/A is the sense resistor in kΩ.
        _senseOhms = parameters.GainVoltsPerAmp * 1000.0;
        MeanNode = new AveragedCurrentNode(this);
    }

    /// <summary>The averaging RC's node, the rate loop's current input (PenBoard.MotorCurrentMean).</summary>
    public Devices.IAdcSource MeanNode { get; }

    /// <summary>Voltage on the averaging RC's capacitor, volt.</summary>
    public double MeanNodeVolts { get; private set; }

    /// <summary>Filtered sensed current at the ADC pin, ampere equivalent.</summary>
    public double FilteredAmps { get; private set; }

    /// <summary>Sense resistor open-circuit fault: the ADC pin is held near 0 by its bleed resistor.</summary>
    public bool Open { get; set; }

    /// <summary>Advances the RC filter h seconds with the bridge's mirrored current.</summary>
    public void Step(double bridgeAmps, double h)
    {
        double i = bridgeAmps > 0 ? bridgeAmps : 0.0;
        double rs = _p.MeanFilterSeriesOhms;
        // The RC branch draws (V_fast − V_C) / R_s from the node, so the mirror's current splits: the fast node sees the
        // capacitor's voltage through the divider R_s : R_IPROPI (0.9 % of the AC part at 100 kΩ; the DC part is whole).
        double gain = _p.GainVoltsPerAmp;
        if (rs > 0 && gain > 0) i = (i * rs + MeanNodeVolts / gain * _senseOhms) / (rs + _senseOhms);
        double f = h == _stdStep ? _stdFactor : 1.0 - Math.Exp(-h / _p.FilterTimeConstantSeconds);
        FilteredAmps += (i - FilteredAmps) * f;
        if (_meanTau <= 0) return;
        double node = Open ? 0.0 : FilteredAmps * gain;
        // The capacitor's DC: the IPROPI node, the pin's leakage through R_s and the bias resistor's current from the rail,
        // solved for V_C = V + R_s·(I_leak + (V_rail − V_C) / R_b).
        double k = _meanBiasShare;
        double target = (node + _p.AdcPinLeakageAmps * rs + _p.MeanBiasRailVolts * k) / (1.0 + k);
        double g = h == _stdStep ? _meanStdFactor : 1.0 - Math.Exp(-h / _meanTau);
        MeanNodeVolts += (target - MeanNodeVolts) * g;
    }

    /// <summary>One conversion of the averaging node, ADC counts; the conversion takes its sampling charge from the capacitor.</summary>
    public int SampleMean()
    {
        double c = _p.MeanFilterFarads;
        if (c > 0) MeanNodeVolts *= c / (c + _p.AdcSampleFarads);
        double mv = _p.OffsetMillivolts + (MeanNodeVolts > 0 ? MeanNodeVolts : 0.0) * 1000.0;
        return Quantise(_adc.Counts(mv / 1000.0) + _p.NoiseCounts * _noise.NextGaussian());
    }

    /// <summary>Ideal conversion of a current with no noise, ADC counts (what a perfect calibration would predict).</summary>
    public int IdealCounts(double amps) => Quantise(_adc.Counts(PinMillivolts(amps) / 1000.0));

    /// <summary>
    /// Voltage of the IPROPI pin, mV: the mirror's offset plus its gain times the current, never below 0 V (the mirror
    /// only sources current into its resistor to ground, DRV8876 SLVSDS7B 7.3.3.1; a negative offset is a current the
    /// mirror does not yet follow).
    /// </summary>
    public double PinMillivolts(double amps)
    {
        double mv = _p.OffsetMillivolts + (amps > 0 ? amps : 0) * _p.GainVoltsPerAmp * 1000.0;
        return mv > 0 ? mv : 0.0;
    }

    /// <summary>One conversion, ADC counts.</summary>
    public int Sample()
    {
        if (Open) return Quantise(_p.NoiseCounts * Math.Abs(_noise.NextGaussian()));
        return Quantise(_adc.Counts(PinMillivolts(FilteredAmps) / 1000.0) + _p.NoiseCounts * _noise.NextGaussian());
    }

    private static int Quantise(double counts) => Devices.Esp32S3AdcTransfer.Quantise(counts);
}
