namespace MnPen.Hal.Simulator.Devices;

/// <summary>A simulated push-pull output; counts falling writes so a low pulse shorter than a substep is not missed.</summary>
public sealed class SimDigitalOutput : IDigitalOutput
{
    private bool _held;
    private bool _written;
    private bool _wroteLowWhileHeld;

    /// <summary>Level on the pin.</summary>
    public bool Level { get; private set; }

    /// <summary>High-to-low transitions since creation.</summary>
    public uint FallingTransitions { get; private set; }

    /// <summary>Low-to-high transitions since creation.</summary>
    public uint RisingTransitions { get; private set; }

    /// <inheritdoc />
    public void Write(bool high)
    {
        if (_held)
        {
            _written = high;
            if (!high) _wroteLowWhileHeld = true;
            return;
        }
        Apply(high);
    }

    /// <inheritdoc />
    public bool ReadBack() => _held ? _written : Level;

    /// <summary>The pin keeps its level while the processor is inside a tick; writes reach it at <see cref="ReleaseOutput"/>.</summary>
    internal void HoldOutput()
    {
        _held = true;
        _written = Level;
        _wroteLowWhileHeld = false;
    }

    /// <summary>Ends a hold: a low written during it reaches the pin (and is counted) even if a high followed.</summary>
    internal void ReleaseOutput()
    {
        if (!_held) return;
        _held = false;
        if (_wroteLowWhileHeld) Apply(false);
        Apply(_written);
    }

    private void Apply(bool high)
    {
        if (high == Level) return;
        if (high) RisingTransitions++; else FallingTransitions++;
        Level = high;
    }

    /// <summary>Processor reset: the pin floats and the board's pull-down takes it low.</summary>
    internal void ResetPeripheral()
    {
        _held = false;
        Apply(false);
    }
}
