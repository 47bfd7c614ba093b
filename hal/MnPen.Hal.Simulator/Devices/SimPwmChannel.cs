namespace MnPen.Hal.Simulator.Devices;

/// <summary>A simulated PWM output; physics reads <see cref="EffectiveDuty"/> (0 while stopped: the pin idles low).</summary>
public sealed class SimPwmChannel : IPwmChannel
{
    private float _duty;
    private int _frequency;
    private bool _held;
    private double _heldDuty;

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

    /// <summary>Duty the load sees: Duty while running, else 0 (while held: what it was when the hold began).</summary>
    public double EffectiveDuty => _held ? _heldDuty : (Running ? _duty : 0.0);

    /// <summary>
    /// The pin keeps its present output while the processor is inside a tick: what the tick writes reaches the load when
    /// <see cref="ReleaseOutput"/> is called at the tick's end (the platform model charges the tick's execution time).
    /// </summary>
    internal void HoldOutput()
    {
        _heldDuty = Running ? _duty : 0.0;
        _held = true;
    }

    /// <summary>Ends a hold: the load sees the latest written duty.</summary>
    internal void ReleaseOutput() => _held = false;

    /// <inheritdoc />
    public void Start() => Running = true;

    /// <inheritdoc />
    public void Stop() => Running = false;

    /// <summary>Processor reset: peripheral back to its power-on state.</summary>
    internal void ResetPeripheral()
    {
        Running = false;
        _duty = 0f;
        _held = false;
    }
}
