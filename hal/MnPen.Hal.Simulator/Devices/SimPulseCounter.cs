namespace MnPen.Hal.Simulator.Devices;

/// <summary>Hall pulse counter with the timestamp of the latest pulse (processor clock time, exact to the microsecond).</summary>
public sealed class SimPulseCounter : IPulseCounter
{
    /// <inheritdoc />
    public uint Count { get; private set; }

    /// <inheritdoc />
    public ulong LastPulseMicros { get; private set; }

    internal void Pulse(ulong clockMicros)
    {
        Count++;
        LastPulseMicros = clockMicros;
    }

    internal void ResetPeripheral()
    {
        Count = 0;
        LastPulseMicros = 0;
    }
}
