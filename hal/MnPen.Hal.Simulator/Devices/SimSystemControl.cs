namespace MnPen.Hal.Simulator.Devices;

/// <summary>Reset cause, reboot and power latch of the simulated processor; reboots are carried out by the board.</summary>
public sealed class SimSystemControl : ISystemControl
{
    private readonly VirtualBoard _board;

    internal SimSystemControl(VirtualBoard board) => _board = board;

    /// <inheritdoc />
    public ResetCause LastResetCause { get; internal set; } = ResetCause.PowerOn;

    /// <summary>Power latch state (false after HoldPower(false): the pen is off).</summary>
    public bool PowerHeld { get; internal set; } = true;

    /// <summary>Software reboots requested since creation.</summary>
    public int RebootRequests { get; private set; }

    /// <inheritdoc />
    public void Reboot()
    {
        RebootRequests++;
        _board.ResetProcessor(ResetCause.Software);
    }

    /// <summary>Loop-abort reboots requested since creation.</summary>
    public int AbortReboots { get; private set; }

    /// <inheritdoc />
    public void RebootAfterAbort()
    {
        AbortReboots++;
        _board.ResetProcessor(ResetCause.LoopAbort);
    }

    /// <inheritdoc />
    public void HoldPower(bool on)
    {
        PowerHeld = on;
        if (!on) _board.PowerOff();
    }
}
