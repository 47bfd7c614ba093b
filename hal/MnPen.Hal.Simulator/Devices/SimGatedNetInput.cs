using MnPen.Hal.Simulator.Physics;

namespace MnPen.Hal.Simulator.Devices;

/// <summary>The firmware's read-back pin on the gated nSLEEP net: high only while the firmware asks and the hardware channel allows.</summary>
public sealed class SimGatedNetInput : IDigitalInput
{
    private readonly ProtectiveChannel _channel;

    internal SimGatedNetInput(ProtectiveChannel channel) => _channel = channel;

    /// <inheritdoc />
    public bool Read() => _channel.SleepLineHigh;
}
