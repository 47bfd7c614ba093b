namespace MnPen.Bench.Suites;

/// <summary>Where the pen is when the interlocks matrix injects a fault.</summary>
public enum OperatingState
{
    /// <summary>Ready and idle; the user presses start a little later.</summary>
    Idle,
    /// <summary>Motor accelerating after a start.</summary>
    RampUp,
    /// <summary>Running steadily at the lowest rate level.</summary>
    RunningLowest,
    /// <summary>Running steadily at the highest rate level.</summary>
    RunningHighest,
    /// <summary>Running while the depth moves to a new set-point.</summary>
    DepthChange,
    /// <summary>Coasting down after a stop.</summary>
    Stopping,
}
