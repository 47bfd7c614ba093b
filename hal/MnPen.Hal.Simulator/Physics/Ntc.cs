using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Hal.Simulator.Physics;

/// <summary>
/// Handpiece NTC in a divider (pull-up to the 3.3 V rail, NTC to ground) into the ESP32-S3 ADC: beta-model resistance at
/// the bead's temperature, which lags the handpiece first-order. The rail is not the ADC's reference, so the reading is not
/// ratiometric: the chip's own range scales it. Open → node at the rail (saturates the 12 dB range); short → 0 V.
/// </summary>
public sealed class Ntc : MnPen.Hal.Simulator.Devices.IAdcSource
{
    private readonly NtcParameters _p;
    private readonly SimRandom _noise;
    private readonly MnPen.Hal.Simulator.Devices.Esp32S3AdcTransfer _adc;
    private double _cachedStep = double.NaN;
    private double _decay;
    // The bead moves by millikelvins per millisecond: the divider reading is recomputed (an exponential) only once
    // it has moved 0.1 mK, worth about 0.004 counts against 1 count of converter noise.
    private const double RecomputeKelvin = 1e-4;
    private double _countsBead = double.NaN;
    private double _countsAtBead;

    /// <summary>Creates the sensor at the given temperature.</summary>
    public Ntc(NtcParameters parameters, SimRandom noise, MnPen.Hal.Simulator.Devices.Esp32S3AdcTransfer adc, double celsius)
    {
        _p = parameters;
        _noise = noise;
        _adc = adc;
        BeadCelsius = celsius;
    }

    /// <summary>Bead temperature, °C.</summary>
    public double BeadCelsius { get; private set; }

    /// <summary>Open-circuit fault (broken lead).</summary>
    public bool Open { get; set; }

    /// <summary>Short-circuit fault (pinched lead).</summary>
    public bool Shorted { get; set; }

    /// <summary>Bead follows the handpiece over dt seconds.</summary>
    public void Step(double handpieceCelsius, double seconds)
    {
        if (seconds != _cachedStep)
        {
            _cachedStep = seconds;
            _decay = Math.Exp(-seconds / _p.TimeConstantSeconds);
        }
        BeadCelsius = handpieceCelsius + (BeadCelsius - handpieceCelsius) * _decay;
    }

    /// <summary>NTC resistance at a temperature, ohm.</summary>
    public double ResistanceAt(double celsius) =>
        _p.R25Ohms * Math.Exp(_p.BetaKelvin * (1.0 / (celsius + 273.15) - 1.0 / 298.15));

    /// <summary>Divider node voltage at a temperature, volt.</summary>
    public double NodeVoltsAt(double celsius)
    {
        double r = ResistanceAt(celsius);
        return _p.SupplyVolts * r / (r + _p.PullUpOhms);
    }

    /// <summary>Noise-free divider reading at a temperature through this pen's ADC, counts (unrounded).</summary>
    public double IdealCountsAt(double celsius) => _adc.Counts(NodeVoltsAt(celsius));

    /// <summary>One conversion, ADC counts.</summary>
    public int Sample()
    {
        double counts;
        if (Shorted) counts = _adc.Counts(0.0);
        else if (Open) counts = _adc.Counts(_p.SupplyVolts);
        else
        {
            double t = BeadCelsius;
            if (!(Math.Abs(t - _countsBead) <= RecomputeKelvin))
            {
                _countsBead = t;
                _countsAtBead = IdealCountsAt(t);
            }
            counts = _countsAtBead;
        }
        return MnPen.Hal.Simulator.Devices.Esp32S3AdcTransfer.Quantise(counts + _p.NoiseCounts * _noise.NextGaussian());
    }
}
