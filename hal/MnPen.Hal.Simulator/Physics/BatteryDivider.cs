using MnPen.Hal.Simulator.Devices;
using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Hal.Simulator.Physics;

/// <summary>Battery terminal voltage through the 150k/50k divider into the ESP32-S3 ADC, with converter noise.</summary>
public sealed class BatteryDivider : IAdcSource
{
    private readonly Battery _battery;
    private readonly BatteryParameters _p;
    private readonly SimRandom _noise;
    private readonly Esp32S3AdcTransfer _adc;

    /// <summary>Creates the divider on a pack.</summary>
    public BatteryDivider(Battery battery, BatteryParameters parameters, SimRandom noise, Esp32S3AdcTransfer adc)
    {
        _battery = battery;
        _p = parameters;
        _noise = noise;
        _adc = adc;
    }

    /// <summary>Noise-free reading at a terminal voltage, counts (unrounded).</summary>
    public double IdealCountsAt(double terminalVolts) => _adc.Counts(terminalVolts * _p.DividerRatio);

    /// <inheritdoc />
    public int Sample()
    {
        return _adc.Convert(_battery.TerminalVolts * _p.DividerRatio, _p.AdcNoiseCounts, _noise);
    }
}
