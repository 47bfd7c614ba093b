namespace MnPen.Hal.Simulator.Devices;

/// <summary>A simulated input pin whose level the board's physics (or a user action) drives; counts edges.</summary>
public sealed class SimDigitalInput : IDigitalInput
{
    private bool _level;

    /// <summary>Creates an input at an initial level.</summary>
    public SimDigitalInput(bool initialLevel) => _level = initialLevel;

    /// <summary>Level on the pin.</summary>
    public bool Level => _level;

    /// <inheritdoc />
    public bool Read() => _level;

    /// <summary>Rising edges driven onto the pin since creation (test view).</summary>
    public uint RisingEdges { get; private set; }

    /// <summary>Falling edges driven onto the pin since creation (test view).</summary>
    public uint FallingEdges { get; private set; }

    /// <summary>Drives the pin (physics or user action); counts the edge if the level changes.</summary>
    public void Drive(bool high)
    {
        if (high == _level) return;
        if (high) RisingEdges++; else FallingEdges++;
        _level = high;
    }
}
