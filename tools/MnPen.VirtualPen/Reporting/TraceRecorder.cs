using System.Globalization;
using MnPen.Firmware;

namespace MnPen.VirtualPen.Reporting;

/// <summary>
/// Writes a run's time series as CSV, one row per fixed interval of simulated time (taken inside the pen's steps by a
/// board sampler, so independent of the firmware's 10 ms loop turn) plus one row at every state or fault change and one
/// at the end, so the rows hold every transition the run summary reports. `true_*` columns are the simulator's physics;
/// `measured_*` are what the firmware's sensors read. State and fault are what the last completed tick decided: a
/// tick's decisions take effect when its outputs reach the pins, at the end of the pen's step, which is also the
/// instant the run summary records them.
/// </summary>
public sealed class TraceRecorder : IDisposable
{
    /// <summary>
    /// Default sampling interval, µs: 2 ms gives at least three samples per stroke at the top level (150 strokes/s,
    /// 6.7 ms) and 500 rows per simulated second, about 60 kB/s of CSV.
    /// </summary>
    public const ulong DefaultIntervalMicros = 2000;

    /// <summary>The CSV header: names carry their units.</summary>
    public const string Header =
        "time_s,state,fault,rate_level,target_rate_sps,true_rate_sps,measured_rate_sps,target_depth_mm,true_depth_mm,measured_depth_mm," +
        "true_current_a,measured_current_a,true_temperature_c,measured_temperature_c,true_battery_v,measured_battery_v,true_duty,strokes,cartridge_seated,restarts";

    private readonly TextWriter _out;
    private readonly bool _ownsWriter;
    private readonly ulong _interval;
    private ulong _lastRowMicros = ulong.MaxValue;
    private PenState _lastState = (PenState)(-1);
    private MnPen.Safety.FaultCode _lastFault = (MnPen.Safety.FaultCode)(-1);

    /// <summary>Writes to the writer (the caller disposes it unless ownsWriter).</summary>
    public TraceRecorder(TextWriter output, ulong intervalMicros = DefaultIntervalMicros, bool ownsWriter = false)
    {
        if (intervalMicros == 0) throw new ArgumentOutOfRangeException(nameof(intervalMicros), "the trace interval must be positive");
        _out = output;
        _ownsWriter = ownsWriter;
        _interval = intervalMicros;
        _out.WriteLine(Header);
    }

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>
    /// Records the pen from now on: a row now, then one at every interval of simulated time and one after each of its
    /// steps that changed the state or fault (chained after any AfterStep already set). Call Finish (or Dispose) at
    /// the end of the run for the closing row.
    /// </summary>
    public static TraceRecorder Attach(VirtualPen pen, string path, ulong intervalMicros = DefaultIntervalMicros)
    {
        var recorder = new TraceRecorder(new StreamWriter(path, false, new System.Text.UTF8Encoding(false)), intervalMicros, ownsWriter: true);
        recorder.Follow(pen);
        return recorder;
    }

    /// <summary>Samples the pen at the interval (inside its steps) and after each step that changed state or fault, from now on.</summary>
    public void Follow(VirtualPen pen)
    {
        _pen = pen;
        var previous = pen.AfterStep;
        pen.AfterStep = previous == null ? () => Sample(pen) : () => { previous(); Sample(pen); };
        _sampler = pen.Board.Samplers.Add(_interval, pen.NowMicros, _ => SampleDue(pen));
        Sample(pen);
    }

    private VirtualPen? _pen;
    private IDisposable? _sampler;
    private PenState _tickState = PenState.PowerOff;
    private MnPen.Safety.FaultCode _tickFault = MnPen.Safety.FaultCode.None;

    /// <summary>After a step: writes a row if the state or fault changed (or none was written yet).</summary>
    public void Sample(VirtualPen pen)
    {
        ulong now = pen.NowMicros;
        bool running = pen.Board.ProcessorRunning;
        var state = running ? pen.Firmware.State : PenState.PowerOff;
        var fault = running ? pen.Firmware.ActiveFault : MnPen.Safety.FaultCode.None;
        bool changed = state != _lastState || fault != _lastFault;
        _tickState = state;
        _tickFault = fault;
        if (changed) Write(pen, now, running, state, fault);
    }

    // At an interval instant inside a step: the physics as it is now, the state and fault of the last completed tick
    // (a tick running now has not yet taken effect); a processor that lost power mid-step is off now.
    private void SampleDue(VirtualPen pen)
    {
        ulong now = pen.NowMicros;
        if (now == _lastRowMicros) return;
        bool running = pen.Board.ProcessorRunning;
        Write(pen, now, running, running ? _tickState : PenState.PowerOff, running ? _tickFault : MnPen.Safety.FaultCode.None);
    }

    /// <summary>Writes the closing row (the pen's final state) unless the last row is already at this instant.</summary>
    public void Finish()
    {
        if (_pen != null && _pen.NowMicros != _lastRowMicros)
        {
            bool running = _pen.Board.ProcessorRunning;
            Write(_pen, _pen.NowMicros, running, running ? _pen.Firmware.State : PenState.PowerOff, running ? _pen.Firmware.ActiveFault : MnPen.Safety.FaultCode.None);
        }
        _out.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _sampler?.Dispose();
        _sampler = null;
        Finish();
        if (_ownsWriter) _out.Dispose();
    }

    private void Write(VirtualPen pen, ulong now, bool running, PenState state, MnPen.Safety.FaultCode fault)
    {
        var b = pen.Board;
        // Before its first tick the firmware has read no sensor: its status would show zeros, not measurements.
        var st = running && pen.Firmware.Status.TickCount > 0 ? pen.Firmware.Status : null;
        var c = CultureInfo.InvariantCulture;
        string F(double v, string fmt) => double.IsFinite(v) ? v.ToString(fmt, c) : "";
        // Measured columns are empty while the processor is off: there is no firmware to read them.
        string M(Func<PenStatus, double> read, string fmt) => st == null ? "" : F(read(st), fmt);
        string[] row =
        {
            F(now / 1e6, "0.000000"), state.ToString(), fault.ToString(), st == null ? "" : st.RateLevel.ToString(c),
            st == null ? "0" : F(st.TargetStrokeRate, "0.###"), F(b.StrokeRate, "0.###"), M(x => x.MeasuredStrokeRate, "0.###"),
            M(x => x.DepthTargetMm, "0.####"), F(b.NeedleDepthMm, "0.####"), M(x => x.DepthMeasuredMm, "0.####"),
            F(Math.Abs(b.MotorCurrentAmps), "0.#####"), M(x => x.MotorCurrentAmps, "0.#####"),
            F(b.HandpieceCelsius, "0.###"), M(x => x.HandpieceCelsius, "0.###"),
            F(b.BatteryTerminalVolts, "0.####"), M(x => x.BatteryVolts, "0.####"),
            F(b.DriverEnabled ? b.AppliedDuty : 0, "0.####"), b.Strokes.ToString(c), b.CartridgeSeated ? "1" : "0",
            pen.FirmwareRestarts.ToString(c),
        };
        _out.WriteLine(string.Join(',', row));
        Rows++;
        _lastRowMicros = now;
        _lastState = state;
        _lastFault = fault;
    }
}
