using MnPen.Client;

namespace MnPen.Calibration;

/// <summary>Waiting in the pen's own time (its uptime), which a simulated pen paces apart from the wall clock; the polls keep the link alive.</summary>
public static class PenTime
{
    /// <summary>Returns once ms of pen time have passed; throws OperationCanceledException when cancelled.</summary>
    public static void Wait(PenClient c, int ms, CancellationToken cancel)
    {
        uint start = c.GetStatus().UptimeMs;
        while (c.GetStatus().UptimeMs - start < ms)
        {
            cancel.ThrowIfCancellationRequested();
            Thread.Sleep(20);
        }
    }
}
