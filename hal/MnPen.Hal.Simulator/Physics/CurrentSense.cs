using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Hal.Simulator.Physics;

/// <summary>
/// IPROPI current mirror → sense resistor → RC filter → ADC: gain, offset, noise and quantisation. The DRV8876 mirrors the
/// drain-to-source current of its low-side FETs (data sheet SLVSDS7B, 7.3.3.1): the winding current in drive and, in
/// brake (both low sides on), the braking current through the one low side that carries it drain to source, so the
/// powertrain passes the magnitude while the bridge is awake and zero while it sleeps (coast: the current freewheels
/// source to drain and is not mirrored).
/// </summary>
public sealed class CurrentSense : MnPen.Hal.Simulator.Devices.IAdcSource
{
    private readonly CurrentSenseParameters _p;
    private readonly SimRandom _noise;
    private readonly Devices.Esp32S3AdcTransfer _adc;
    private readonly double _stdStep;
    private readonly double _stdFactor;

    /// <summary>Creates the sense chain.</summary>
    public CurrentSense(CurrentSenseParameters parameters, SimRandom noise, Devices.Esp32S3AdcTransfer adc, double stdStepSeconds)
    {
        _p = parameters;
        _noise = noise;
        _adc = adc;
        _stdStep = stdStepSeconds;
        _stdFactor = 1.0 - Math.Exp(-stdStepSeconds / parameters.FilterTimeConstantSeconds);
    }

    /// <summary>Filtered sensed current at the ADC pin, ampere equivalent.</summary>
    public double FilteredAmps { get; private set; }

    /// <summary>Sense resistor open-circuit fault: the ADC pin is held near 0 by its bleed resistor.</summary>
    public bool Open { get; set; }

    /// <summary>Advances the RC filter h seconds with the bridge's mirrored current.</summary>
    public void Step(double bridgeAmps, double h)
    {
        double i = bridgeAmps > 0 ? bridgeAmps : 0.0;
        double f = h == _stdStep ? _stdFactor : 1.0 - Math.Exp(-h / _p.FilterTimeConstantSeconds);
        FilteredAmps += (i - FilteredAmps) * f;
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
