using MnPen.Protocol;

namespace MnPen.Client;

/// <summary>
/// Brings a pen's motor to rest over the protocol: tells it to stop and waits, up to the caller's deadline, until the
/// pen's own readings show it standing. After a stop from 50-147 strokes/s in free air the wait returns 0.32-0.37 s of
/// the virtual pen's time later (the cam stands within ~0.07 s; the tachometer reads 0 only 150 ms after its last pulse,
/// and a second still read follows), as MotorRestTests prints (`dotnet test tests/MnPen.Tools.Tests --filter
/// MotorRestTests --logger "console;verbosity=detailed"`). Each caller's deadline is its own (what it does next, who
/// waits); see its StopDeadline.
/// </summary>
public static class MotorRest
{
    /// <summary>
    /// Wall-clock time between status reads, ms: two still reads this far apart come from different ticks of the pen's
    /// 100 Hz control loop, and each costs one request (67 bytes both ways, about 6 ms of wire time at the serial
    /// transport's default 115200 Bd).
    /// </summary>
    public const int PollMs = 50;

    /// <summary>
    /// Reads in a row that must show the motor at rest: one zero rate can fall between the last slow pulses of a cam
    /// still coasting to rest (the pen's tachometer reads 0 after 150 ms without a pulse, Tachometer.TimeoutMicros).
    /// </summary>
    public const int StillReads = 2;

    /// <summary>
    /// True when a status shows the motor at rest: no duty, no measured rate, and not Starting (a pen just told to start
    /// positions the needle with no duty first), Running or Stopping.
    /// </summary>
    public static bool Stands(PenStatusData s) => s.DutyBasisPoints == 0 && s.MeasuredRateCenti == 0 && !Commanded(s) &&
        ProtocolSchema.StateName(s.State) != "Stopping";

    /// <summary>
    /// Tells the pen to stop whenever a read finds its motor driven, Starting or Running (a stop sent again is answered
    /// AlreadyDone), and returns true once StillReads reads in a row show it at rest (Stands), or false when deadline
    /// has passed first. cancel, observed between reads, throws OperationCanceledException; pen and link errors pass through.
    /// </summary>
    public static bool StopAndWait(PenClient c, TimeSpan deadline, CancellationToken cancel = default)
    {
        var end = DateTime.UtcNow + deadline;
        int still = 0;
        while (true)
        {
            var s = c.GetStatus();
            if (Commanded(s)) c.Stop();
            still = Stands(s) ? still + 1 : 0;
            if (still >= StillReads) return true;
            if (DateTime.UtcNow >= end) return false;
            cancel.ThrowIfCancellationRequested();
            Thread.Sleep(PollMs);
        }
    }

    // Driven, or in a state the firmware drives it from (Starting positions the needle with zero duty first).
    private static bool Commanded(PenStatusData s) =>
        s.DutyBasisPoints != 0 || ProtocolSchema.StateName(s.State) is "Starting" or "Running";
}
