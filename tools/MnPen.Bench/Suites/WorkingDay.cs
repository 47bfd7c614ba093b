using System.Diagnostics;
using System.Globalization;
using MnPen.Firmware;
using MnPen.Hal.Simulator;

namespace MnPen.Bench.Suites;

/// <summary>
/// One pen through a clinic's working day in simulated time (the endurance suite's model): client slots back to back,
/// each with a fresh cartridge, three treatment areas at different levels, depths and skins with a level change while
/// running, a fault every fourth client (caught, cleared, acknowledged), and between clients the pen idles on its tray
/// under its own rules (sleep after InactivitySleepSeconds, power-off SleepPowerOffSeconds later) until the clinician
/// picks it up again. Every verdict is taken from the simulator's truth (stroke rate, needle depth) or from the pen's
/// own state; every failed session is kept with its reason (<see cref="Findings"/>).
/// The firmware's allocations are counted inside the pen's steps only (firmware ticks and Background() jobs on a
/// simulator that allocates nothing), so the bench's own work does not count; a step in which the processor restarts
/// starts a fresh heap and is counted apart (<see cref="BootBytes"/>).
/// </summary>
public sealed class WorkingDay
{
    private readonly VirtualPen.VirtualPen _pen;
    private readonly DayPlan _plan;
    private readonly long[] _hourBytes;
    private readonly Stopwatch _wallRunning = new(), _wallIdle = new();
    private double _simRunning, _simIdle;

    /// <summary>Builds the day on a pen (booted by <see cref="Run"/>).</summary>
    public WorkingDay(VirtualPen.VirtualPen pen, DayPlan plan)
    {
        _pen = pen;
        _plan = plan;
        _hourBytes = new long[(int)Math.Ceiling(plan.Clients * plan.SlotSeconds / 3600.0) + 2];
    }

    /// <summary>What went wrong, one line per failed session, swap or missed fault (client, slot time, expectation, state).</summary>
    public List<string> Findings { get; } = new();

    /// <summary>Per client: (client, rate error %, depth error mm) of its first area.</summary>
    public List<(int Client, double RateErrPct, double DepthErrMm)> FirstAreas { get; } = new();

    /// <summary>Faults injected and faults not caught (needle not stopped or no fault reported within 1 s).</summary>
    public int Injected { get; private set; }

    /// <summary>Faults the pen did not catch.</summary>
    public int Missed { get; private set; }

    /// <summary>Sessions (areas, swaps, wake-ups) that did not run as a clinician expects.</summary>
    public int FailedSessions { get; private set; }

    /// <summary>Areas that ran to the end.</summary>
    public int SessionsRun { get; private set; }

    /// <summary>Bytes the pen's steps allocated after the first client (the first warms up: first-use allocations), boots excluded.</summary>
    public long FirmwareBytesAfterWarmUp { get; private set; }

    /// <summary>Bytes allocated in steps in which the processor (re)started: a fresh firmware instance on a fresh heap.</summary>
    public long BootBytes { get; private set; }

    /// <summary>Processor starts during the day (power-on after the pen switched itself off).</summary>
    public int Boots { get; private set; }

    /// <summary>Bytes the pen's steps allocated in simulated hour h (0-based), boots excluded.</summary>
    public long BytesInHour(int h) => h >= 0 && h < _hourBytes.Length ? _hourBytes[h] : 0;

    /// <summary>Wall seconds spent simulating needling (pen running) and the rest (idle, asleep, off, swaps).</summary>
    public (double RunningWall, double RunningSim, double IdleWall, double IdleSim) Cost =>
        (_wallRunning.Elapsed.TotalSeconds, _simRunning, _wallIdle.Elapsed.TotalSeconds, _simIdle);

    private bool _warm;
    private PenFirmware Fw => _pen.Firmware;

    /// <summary>Runs the day; progress(client) after each client. Throws InvalidOperationException if the pen never gets Ready.</summary>
    public void Run(CancellationToken cancel, Action<int>? progress = null)
    {
        _pen.Boot();
        if (!Until(() => Fw.State == PenState.Ready, 2.0)) throw new InvalidOperationException("pen not Ready at the start of the day: " + State());
        for (int k = 0; k < _plan.Clients; k++)
        {
            cancel.ThrowIfCancellationRequested();
            double slotStart = k * _plan.SlotSeconds;
            if (_pen.Board.ProcessorRunning && Fw.State == PenState.Lockout)
            {
                // A locked-out pen goes to service (its fault's remedy): the rest of the day is not treated, one finding says why.
                int untreated = (_plan.Clients - k) * DayPlan.Areas.Length;
                FailedSessions += untreated - 1;
                Fail(k, "the pen is locked out (" + MnPen.Safety.FaultCatalog.Name(Fw.ActiveFault) + ": " + MnPen.Safety.FaultCatalog.Remedy(Fw.ActiveFault)
                    + "); clients " + (k + 1) + "-" + _plan.Clients + " not treated (" + untreated + " areas)");
                break;
            }
            if (k > 0 && !PickUp(k)) { Idle(slotStart + _plan.SlotSeconds); continue; }
            for (int a = 0; a < DayPlan.Areas.Length; a++)
            {
                if (a > 0) Idle(_pen.NowSeconds + _plan.RepositionSeconds);
                var (level, depth, skin) = DayPlan.Areas[a];
                string? why = Area(level, depth, skin, out double rateErr, out double depthErr);
                if (why != null) { Fail(k, "area " + (a + 1) + " (level " + level + ", " + depth.ToString("0.0", CultureInfo.InvariantCulture) + " mm, " + skin.ToString().ToLowerInvariant() + " skin): " + why); continue; }
                SessionsRun++;
                if (a == 0) FirstAreas.Add((k + 1, rateErr, depthErr));
            }
            if (k % 4 == 3)
            {
                Injected++;
                string fault = DayPlan.Faults[(k / 4) % DayPlan.Faults.Length];
                if (Fault(fault) is string missed) { Missed++; Findings.Add(At(k) + "fault " + fault + " missed: " + missed); }
            }
            if (k == 0) _warm = true;
            Idle(slotStart + _plan.SlotSeconds);
            progress?.Invoke(k + 1);
        }
    }

    // The clinician picks the pen up for the next client: wakes it (a button press, or the power button if it switched
    // itself off) and puts a fresh cartridge in (out, a moment with none, a new one in: the firmware sees both edges).
    private bool PickUp(int k)
    {
        if (!_pen.Board.ProcessorRunning)
        {
            _pen.Board.PressPowerButton();
            if (!Until(() => Fw.State is PenState.Idle or PenState.Ready, 3.0)) return Fail(k, "did not boot on the power button: " + State());
        }
        else if (Fw.State == PenState.Sleep)
        {
            _pen.Press(SimButton.RateDown);   // any press wakes the pen and is consumed by the wake
            IdleFor(0.1);
            _pen.Release(SimButton.RateDown);
            if (!Until(() => Fw.State is PenState.Idle or PenState.Ready, 1.0)) return Fail(k, "did not wake on a button press: " + State());
        }
        _pen.RemoveCartridge();
        IdleFor(0.5);
        _pen.InsertCartridge();
        if (!Until(() => Fw.State == PenState.Ready, 2.0)) return Fail(k, "not Ready after the cartridge swap: " + State());
        return true;
    }

    // One treatment area: level and depth set, start, needle for AreaSeconds with a level step half-way (the clinician's
    // change; it also keeps the inactivity stop away), stop. Rate and depth errors are truth over the first half after 1 s.
    private string? Area(int level, double depth, SkinProfile skin, out double rateErrPct, out double depthErrMm)
    {
        rateErrPct = depthErrMm = double.NaN;
        _pen.Board.Skin = skin;
        Fw.SetRateLevel(level);
        Fw.SetDepthMm((float)depth);
        if (!Until(() => Fw.DepthControl.Reached, 2.0)) return "depth not reached within 2 s: " + State();
        var started = Fw.RequestStart();
        if (started != CommandResult.Accepted) return "start refused (" + started + "): " + State();
        if (!Until(() => Fw.State == PenState.Running, 1.0)) return "not Running within 1 s of the start: " + State();
        _wallRunning.Start();
        double t0 = _pen.NowSeconds;
        try
        {
            double rate = 0, dep = 0;
            int n = 0;
            for (int half = 0; half < 2; half++)
            {
                if (half == 1 && Fw.SetRateLevel(level + 1) != CommandResult.Accepted) return "level change to " + (level + 1) + " refused while running";
                ulong settleEnd = _pen.NowMicros + 1_000_000, end = _pen.NowMicros + (ulong)(_plan.AreaSeconds / 2 * 1e6);
                while (_pen.NowMicros < end)
                {
                    Step();
                    if (Fw.State != PenState.Running)
                        return "stopped running " + (_pen.NowSeconds - t0).ToString("0.0", CultureInfo.InvariantCulture) + " s into the area: " + State();
                    if (half == 1 || _pen.NowMicros < settleEnd) continue;
                    rate += _pen.Board.StrokeRate;
                    dep += _pen.Board.NeedleDepthMm;
                    n++;
                }
            }
            double target = Fw.Config.RateLevels[level];
            rateErrPct = Math.Abs(rate / n - target) / target * 100.0;
            depthErrMm = Math.Abs(dep / n - depth);
            Fw.RequestStop();
            IdleFor(1.0);
            return null;
        }
        finally
        {
            _wallRunning.Stop();
            _simRunning += _pen.NowSeconds - t0;
        }
    }

    // A fault while running: the needle stopped (truth) and a fault reported within 1 s, then cleared, acknowledged.
    // Null when caught, else why not.
    private string? Fault(string fault)
    {
        if (Fw.RequestStart() != CommandResult.Accepted || !Until(() => Fw.State == PenState.Running, 1.0)) return "could not start to inject it: " + State();
        IdleFor(0.5);
        _pen.InjectFault(fault, Array.Empty<KeyValuePair<string, double>>());
        bool caught = Until(() => Fw.ActiveFault != MnPen.Safety.FaultCode.None && _pen.Board.StrokeRate < 1.0, 1.0);
        string? why = caught ? null : "after 1 s the needle strokes at " + _pen.Board.StrokeRate.ToString("0", CultureInfo.InvariantCulture) + "/s (truth): " + State();
        _pen.ClearFault(fault);
        IdleFor(0.3);
        Fw.AcknowledgeFault();
        Until(() => Fw.State is PenState.Ready or PenState.Idle, 1.0);
        return why;
    }

    private bool Fail(int k, string why)
    {
        FailedSessions++;
        Findings.Add(At(k) + why);
        return false;
    }

    private string At(int k)
    {
        int min = (int)(_pen.NowSeconds / 60);
        return "client " + (k + 1) + " (" + (min / 60) + ":" + (min % 60).ToString("00", CultureInfo.InvariantCulture) + " into the day) ";
    }

    /// <summary>The pen's state for a finding: state/fault, the last refusal, and the hardware channel if its gate is open.</summary>
    public string State()
    {
        var pc = _pen.Board.Protective;
        string s = _pen.Board.ProcessorRunning ? Fw.State + "/" + MnPen.Safety.FaultCatalog.Name(Fw.ActiveFault) : "processor off";
        if (Fw.LastRefusalFault != MnPen.Safety.FaultCode.None) s += " (last refusal " + MnPen.Safety.FaultCatalog.Name(Fw.LastRefusalFault) + ")";
        if (pc.OpenPaths != MnPen.Hal.Simulator.Physics.ProtectivePath.None) s += "; hardware gate open: " + pc.OpenPaths;
        if (pc.Watchdog.Faulted) s += " (window watchdog fault memory set: " + pc.Watchdog.LateFaults + " late, " + pc.Watchdog.EarlyFaults + " early kicks)";
        return s + " at " + _pen.NowSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
    }

    private void IdleFor(double seconds) => Idle(_pen.NowSeconds + seconds);

    private void Idle(double untilSeconds)
    {
        double t0 = _pen.NowSeconds;
        bool outer = !_wallRunning.IsRunning;
        if (outer) _wallIdle.Start();
        ulong end = (ulong)Math.Round(untilSeconds * 1e6);
        while (_pen.NowMicros < end) Step();
        if (!outer) return;
        _wallIdle.Stop();
        _simIdle += _pen.NowSeconds - t0;
    }

    private bool Until(Func<bool> condition, double timeoutSeconds)
    {
        ulong end = _pen.NowMicros + (ulong)Math.Round(timeoutSeconds * 1e6);
        while (true)
        {
            if (condition()) return true;
            if (_pen.NowMicros >= end) return false;
            Step();
        }
    }

    // One pen step with the allocations inside it counted: the firmware's (the simulator allocates nothing while stepping).
    private void Step()
    {
        int restarts = _pen.FirmwareRestarts;
        long before = GC.GetAllocatedBytesForCurrentThread();
        _pen.Step();
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        if (_pen.FirmwareRestarts != restarts)
        {
            Boots++;
            BootBytes += bytes;
            return;
        }
        int h = (int)(_pen.NowSeconds / 3600);
        if (h < _hourBytes.Length) _hourBytes[h] += bytes;
        if (_warm) FirmwareBytesAfterWarmUp += bytes;
    }
}
