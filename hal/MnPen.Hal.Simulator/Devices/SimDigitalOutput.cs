namespace MnPen.Hal.Simulator.Devices;

/// <summary>A simulated push-pull output; counts falling writes so a low pulse shorter than a substep is not missed.</summary>
public sealed class SimDigitalOutput : IDigitalOutput
{
    /// <summary>Level on the pin.</summary>
    public bool Level { get; private set; }

    /// <summary>High-to-low transitions since creation.</summary>
    public uint FallingTransitions { get; private set; }

    /// <summary>Low-to-high transitions since creation.</summary>
    public uint RisingTransitions { get; private set; }

    /// <inheritdoc />
    public void Write(bool high)
    {
        if (high == Level) return;
        if (high) RisingTransitions++; else FallingTransitions++;
        Level = high;
    }

    /// <inheritdoc />
    public bool ReadBack() => Level;

    /// <summary>Processor reset: the pin floats and the board's pull-down takes it low.</summary>
    internal void ResetPeripheral() => Write(false);
}
