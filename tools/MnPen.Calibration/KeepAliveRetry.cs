using MnPen.Protocol;

namespace MnPen.Calibration;

/// <summary>
/// What a procedure does when the pen stopped a motor it held for a reading: a fault ends the procedure; a stop without
/// one is the pen's link keep-alive (it stops a link-started motor after LinkSession.KeepAliveMs without a request, which
/// a stalled host causes: a busy laptop, or a loaded test machine, where the simulated bench's 8x pace makes that a
/// 125 ms stall), so the point is held and read again, up to Restarts times. The stretch it stood still is no reading
/// (averaged in, it reads as a lower current or rate: one rate read came out 32.7 % low at 130 strokes/s).
/// </summary>
public static class KeepAliveRetry
{
    /// <summary>Times a point is held again after the pen stopped its motor without a fault.</summary>
    public const int Restarts = 2;

    /// <summary>
    /// After attempt (0-based) found the motor stopped, with now the pen's status: throws InvalidOperationException when
    /// the pen faulted or this was the last attempt; otherwise says on progress that the point is held again. during
    /// says when it stopped ("while its rate was read"), at which point ("130 strokes/s", or "the point").
    /// </summary>
    public static void AfterStop(PenStatusData now, int attempt, string during, string at, Action<string> progress)
    {
        ThrowIfFaulted(now, during);
        if (attempt >= Restarts)
            throw new InvalidOperationException($"the pen stopped its motor without a fault {during}, at all {attempt + 1} attempts at {at} (is the link polled? a pen left without its host for {LinkSession.KeepAliveMs} ms stops a link-started motor)");
        progress($"the pen stopped its motor {during} (no fault: its link keep-alive); holding {at} again ({attempt + 2} of {Restarts + 1})");
    }

    /// <summary>Throws InvalidOperationException naming the pen's fault and what to do when s shows one; during says when.</summary>
    public static void ThrowIfFaulted(PenStatusData s, string during)
    {
        if (s.Fault != 0)
            throw new InvalidOperationException($"the pen reported fault {s.Fault} ({MnPen.Safety.FaultCatalog.Name((MnPen.Safety.FaultCode)s.Fault)}) {during}; acknowledge it (`mnpen pen ack`) after finding its cause");
    }
}
