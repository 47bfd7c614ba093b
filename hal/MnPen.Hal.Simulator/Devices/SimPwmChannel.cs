namespace MnPen.Hal.Simulator.Devices;

/// <summary>A simulated PWM output; physics reads <see cref="EffectiveDuty"/> (0 while stopped: the pin idles low).</summary>
public sealed class SimPwmChannel : IPwmChannel
{
    private float _duty;
    private int _frequency;

    /// <summary>Creates a stopped channel at the given frequency.</summary>
    public SimPwmChannel(int frequencyHz) => _frequency = frequencyHz;

    /// <inheritdoc />
    public int FrequencyHz
    {
        get => _frequency;
        set => _frequency = value < 1 ? 1 : value;
    }

    /// <inheritdoc />
    public float Duty
    {
        get => _duty;
        set => _duty = float.IsNaN(value) ? 0f : (value < 0f ? 0f : (value > 1f ? 1f : value));
    }

    /// <inheritdoc />
    public bool Running { get; private set; }

    /// <summary>Duty the load sees: Duty while running, else 0.</summary>
    public double EffectiveDuty => Running ? _duty : 0.0;

    /// <inheritdoc />
    public void Start() => Running = true;

    /// <inheritdoc />
    public void Stop() => Running = false;

    /// <summary>Processor reset: peripheral back to its power-on state.</summary>
    internal void ResetPeripheral()
    {
        Running = false;
        _duty = 0f;
    }
}
