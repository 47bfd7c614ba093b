using System.Text.Json;

namespace MnPen.VirtualPen.Serve;

/// <summary>
/// `mnpen sim --fuzz FRAMES`: the protocol fuzz twice, on the firmware's link in process (safety figures: protected
/// state, service unlocks, motor starts, allocation) and on a served virtual pen over loopback TCP (link figures:
/// dropped connections, lost replies), printing the figures of both.
/// </summary>
public static class FuzzSession
{
    /// <summary>Exit code: both runs passed.</summary>
    public const int Ok = 0;
    /// <summary>Exit code: a figure that must be zero was not.</summary>
    public const int Failed = 1;
    /// <summary>Exit code: bad frame count.</summary>
    public const int BadInput = 2;
    /// <summary>Exit code: cut short by Ctrl+C or SIGTERM (128 + SIGINT, README's exit codes); the figures of what ran were printed.</summary>
    public const int Interrupted = 130;

    /// <summary>Runs both fuzzes with frames units each, the served one only if cancel (Ctrl+C, SIGTERM) did not stop the first; returns an exit code.</summary>
    public static int Run(long frames, int seed, bool json, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        if (frames < 1 || frames > 100_000_000)
        {
            error.WriteLine($"mnpen sim --fuzz: the frame count must be 1..100000000, not {frames} (e.g. --fuzz 1000000)");
            return BadInput;
        }
        error.WriteLine($"fuzzing the link in process with {frames:N0} frames (seed {seed}) ...");
        var inProcess = new ProtocolFuzzer(seed).Run(frames, done => { if (done % 100_000 == 0) error.WriteLine($"  {done:N0}"); }, cancel);
        if (!json) output.WriteLine(inProcess);
        FuzzReport? served = null;
        if (!cancel.IsCancellationRequested)
        {
            error.WriteLine($"fuzzing a served virtual pen over loopback TCP with {frames:N0} frames ...");
            served = ServedFuzzer.Run(frames, seed, done => { if (done % 100_000 == 0) error.WriteLine($"  {done:N0}"); }, cancel);
        }
        bool interrupted = cancel.IsCancellationRequested;
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new { inProcess, served, interrupted, passed = !interrupted && inProcess.Passed && served!.Passed },
                new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        }
        else if (served != null)
        {
            output.WriteLine(served);
            output.WriteLine($"dropped connections: {served.DroppedConnections}; lost replies: {inProcess.LostReplies} in process, " +
                             $"{served.LostReplies} served ({served.RepliesReceived:N0} of {served.RequestsDispatched:N0} requests answered over TCP)");
        }
        if (interrupted)
        {
            error.WriteLine($"mnpen sim --fuzz: interrupted after {inProcess.Frames:N0} of {frames:N0} frames in process and {served?.Frames ?? 0:N0} served; " +
                            "the figures above cover what ran");
            return Interrupted;
        }
        return inProcess.Passed && served!.Passed ? Ok : Failed;
    }
}
