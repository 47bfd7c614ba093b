using MnPen.VirtualPen.Scenarios;

namespace MnPen.VirtualPen;

/// <summary>What the scenario runner drives: a pen it can step, sample, press buttons on and act upon.</summary>
public interface IScenarioPen
{
    /// <summary>Simulated time, microseconds since power-on.</summary>
    ulong NowMicros { get; }

    /// <summary>Battery capacity, milliamp-hours (to turn state of charge into charge used).</summary>
    double BatteryCapacityMilliampHours { get; }

    /// <summary>Advances one control tick (physics, then firmware).</summary>
    void Step();

    /// <summary>Fills the sample with the pen's present state.</summary>
    void Read(ref PenSample sample);

    /// <summary>Presses (true) or releases (false) a button by scenario name (start, rate-up, rate-down, depth-up, depth-down).</summary>
    void SetButton(string button, bool pressed);

    /// <summary>Performs a non-button action; returns its outcome in words (e.g. "Accepted", "RefusedNoCartridge").</summary>
    string Apply(ScenarioAction action);
}
