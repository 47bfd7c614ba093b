using System.Diagnostics;

namespace MnPen.Hal.Simulator.Pacing;

/// <summary>
/// Optional pacing of simulated time to the wall clock for interactive use (a GUI, a human at `mnpen monitor`):
/// after each step the caller reports the simulated time and the pacer sleeps just enough that simulated time does not
/// run ahead of wall time × speed. Never used by tests or benches, which run as fast as the host allows.
/// </summary>
public sealed class RealTimePacer
{
    private readonly Stopwatch _wall = new();
    private ulong _simStartMicros;
    private bool _started;

    /// <summary>Creates a pacer; speed 1 = real time, 2 = twice as fast, 0.5 = slow motion.</summary>
    public RealTimePacer(double speed = 1.0)
    {
        if (!(speed > 0) || double.IsInfinity(speed)) throw new ArgumentOutOfRangeException(nameof(speed), "speed must be > 0");
        Speed = speed;
    }

    /// <summary>Simulated seconds per wall second.</summary>
    public double Speed { get; }

    /// <summary>Largest lag allowed before the pacer gives up catching up (so a paused debugger does not cause a burst), seconds.</summary>
    public double MaxLagSeconds { get; set; } = 0.25;

    /// <summary>How far simulated time trails the paced wall time right now, seconds (positive = behind).</summary>
    public double LagSeconds { get; private set; }

    /// <summary>Reports the simulated time reached; sleeps while simulated time is ahead of paced wall time.</summary>
    public void Pace(ulong simMicros)
    {
        if (!_started)
        {
            _started = true;
            _simStartMicros = simMicros;
            _wall.Restart();
            return;
        }
        double sim = (simMicros - _simStartMicros) * 1e-6;
        double wall = _wall.Elapsed.TotalSeconds * Speed;
        double ahead = sim - wall;
        LagSeconds = -ahead;
        if (ahead > 0.002)
        {
            Thread.Sleep(TimeSpan.FromSeconds(ahead / Speed));
        }
        else if (-ahead > MaxLagSeconds)
        {
            // Too far behind (host too slow or paused): re-anchor instead of racing to catch up.
            _simStartMicros = simMicros;
            _wall.Restart();
        }
    }
}
