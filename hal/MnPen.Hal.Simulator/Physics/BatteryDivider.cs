using MnPen.Hal.Simulator.Devices;
using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Hal.Simulator.Physics;

/// <summary>Battery terminal voltage through the 100k/50k divider into the ADC, with converter noise.</summary>
public sealed class BatteryDivider : IAdcSource
{
    private readonly Battery _battery;
    private readonly BatteryParameters _p;
    private readonly SimRandom _noise;
    private readonly double _countsPerVolt;
    private readonly int _maxCount;

    /// <summary>Creates the divider on a pack.</summary>
    public BatteryDivider(Battery battery, BatteryParameters parameters, SimRandom noise, int adcMaxCount, int adcReferenceMillivolts)
    {
        _battery = battery;
        _p = parameters;
        _noise = noise;
        _maxCount = adcMaxCount;
        _countsPerVolt = adcMaxCount * 1000.0 / adcReferenceMillivolts;
    }

    /// <inheritdoc />
    public int Sample()
    {
        double counts = _battery.TerminalVolts * _p.DividerRatio * _countsPerVolt + _p.AdcNoiseCounts * _noise.NextGaussian();
        int c = (int)Math.Round(counts);
        return c < 0 ? 0 : (c > _maxCount ? _maxCount : c);
    }
}
