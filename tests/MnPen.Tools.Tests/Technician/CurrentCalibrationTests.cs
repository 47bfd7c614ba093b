using MnPen.Calibration;
using MnPen.Calibration.Instruments;
using MnPen.Storage;
using MnPen.VirtualPen.Serve;
using Xunit.Abstractions;

namespace MnPen.Tools.Tests.Technician;

/// <summary>
/// `calibrate current` on the simulated bench, whose pen's ADC reference, ADC offset and current mirror drifted from the
/// parts its factory calibration was measured on: the fit against known loads must bring every check within ±0.02 A,
/// on the reference pen and on drawn pens of the population.
/// </summary>
public class CurrentCalibrationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly ITestOutputHelper _out;

    public CurrentCalibrationTests(ITestOutputHelper output) => _out = output;

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    // Pen 17's current-sense zero lies below the ADC's range (5.6 counts under the bench's drift): it reads 0 below about
    // 5 mA. CurrentSenseDeadZoneTests shows that no driven reading of the procedure comes near that zone on any pen.
    [InlineData(17)]
    public void A_drifted_pens_current_sense_is_fitted_written_and_verified_within_tolerance(int pen)
    {
        using var bench = new SimulatedBench(pen: pen);
        using var session = new PenSession(bench.Target, DevelopmentServiceKey.Bytes, Timeout);
        var before = session.Client.ReadCalibration();
        var outcome = new CurrentCalibration(session, new SimLoadBench(bench.Server), _ => { }, default).Run("tech-1", DateTime.UtcNow);
        foreach (var p in outcome.Points) _out.WriteLine($"pen {pen} fit  {p.SetPoint:0.00} A: pen {p.PenReading:0.0000} ammeter {p.Reference:0.0000}");
        foreach (var c in outcome.Checks) _out.WriteLine($"pen {pen} check {c.SetPoint:0.00} A: pen {c.PenReading:0.0000} ammeter {c.Reference:0.0000} error {c.Error * 1000:+0.0;-0.0} mA");
        _out.WriteLine(outcome.Reason);

        Assert.True(outcome.Verdict == "pass", outcome.Reason);
        Assert.True(outcome.Written);
        // The case can fail: before the fit the reference pen read further from the ammeter than the tolerance at the
        // top load (drawn pens drift by their own draw, some less).
        var top = outcome.Points[^1];
        if (pen == 0) Assert.True(Math.Abs(top.PenReading - top.Reference) > CurrentCalibration.ToleranceAmps, $"the bench pen read only {top.PenReading - top.Reference:0.0000} A off at the top load");
        Assert.True(Interpolation.StrictlyRising(outcome.Points.Select(p => p.Reference).ToList()));
        Assert.Equal(CurrentCalibration.CheckLoadsAmps.Length, outcome.Checks.Count);
        Assert.All(outcome.Checks, c => Assert.True(Math.Abs(c.Error) <= CurrentCalibration.ToleranceAmps, $"check error {c.Error} A"));
        var after = session.Client.ReadCalibration();
        Assert.NotEqual(before.CurrentMilliampsPerCount, after.CurrentMilliampsPerCount);
        Assert.True(after.MotorCalibrated);
        Assert.InRange(after.MotorResistanceOhms, 1.5f, 6.0f);
        Assert.Contains(session.Client.ReadEvents(0, 200).Entries, e => e.Kind == (int)EventKind.CalibrationChanged && e.Argument == (uint)after.CalibratedOnDay);
    }

    [Fact]
    public void An_ammeter_on_the_wrong_range_is_refused_before_anything_is_written()
    {
        using var bench = new SimulatedBench();
        using var session = new PenSession(bench.Target, DevelopmentServiceKey.Bytes, Timeout);
        byte[] before = CalibrationWriter.Bytes(session.Client.ReadCalibration());
        // Reads 1.5 times the current: a shunt or range mix-up, not drift.
        var wrong = new ScaledInstrument(new SimLoadBench(bench.Server), 1.5);
        var outcome = new CurrentCalibration(session, wrong, _ => { }, default).Run("tech-1", DateTime.UtcNow);

        Assert.Equal("rejected", outcome.Verdict);
        Assert.False(outcome.Written);
        Assert.Contains("nothing was written", outcome.Reason);
        Assert.Equal(before, CalibrationWriter.Bytes(session.Client.ReadCalibration()));
        Assert.Equal(0, session.Client.GetStatus().DutyBasisPoints);
    }

    // Interrupted at the second check, with the new record written and in effect: leaving the pen at rest (brake off,
    // motor stopped) must not be cut short by the same interruption, or the restore after it never runs.
    [Fact]
    public void A_run_interrupted_after_the_write_restores_the_previous_calibration_byte_for_byte()
    {
        using var bench = new SimulatedBench();
        using var session = new PenSession(bench.Target, DevelopmentServiceKey.Bytes, Timeout);
        byte[] before = CalibrationWriter.Bytes(session.Client.ReadCalibration());
        using var stop = new CancellationTokenSource();
        var procedure = new CurrentCalibration(session, new SimLoadBench(bench.Server), line => { if (line.StartsWith("current check 2/", StringComparison.Ordinal)) stop.Cancel(); }, stop.Token);

        Assert.ThrowsAny<OperationCanceledException>(() => procedure.Run("tech-1", DateTime.UtcNow));
        Assert.Equal(before, CalibrationWriter.Bytes(session.Client.ReadCalibration()));
        Assert.Equal(0, session.Client.GetStatus().DutyBasisPoints);
    }

    // The host falls silent past the pen's link keep-alive while the ammeter reads the third fit load: the pen stops the
    // motor part way through the point's averaging. That stretch is not the point (the current fell to zero under it);
    // the point is held and read again, and the calibration passes with every fit point the loaded motor's.
    [Fact]
    public void A_point_whose_motor_the_keep_alive_stopped_during_averaging_is_held_again_and_the_pen_calibrates()
    {
        using var bench = new SimulatedBench();
        using var session = new PenSession(bench.Target, DevelopmentServiceKey.Bytes, Timeout);
        var ammeter = new SilentHostAmmeter(new SimLoadBench(bench.Server), bench.Server, stallReadings: 1, reading => reading == 3);
        var progress = new List<string>();
        var outcome = new CurrentCalibration(session, ammeter, progress.Add, default).Run("tech-1", DateTime.UtcNow);
        foreach (var line in progress) _out.WriteLine(line);
        foreach (var p in outcome.Points) _out.WriteLine($"fit {p.SetPoint:0.00} A: pen {p.PenReading:0.0000} ammeter {p.Reference:0.0000}");

        Assert.Equal(1, ammeter.Stalls);
        Assert.Contains(progress, l => l.StartsWith("current load 3/", StringComparison.Ordinal) && l.Contains("holding the point again", StringComparison.Ordinal));
        Assert.True(outcome.Verdict == "pass", outcome.Reason);
        Assert.True(outcome.Written);
        // Every loaded point is the running motor's, on the pen and on the ammeter (a stopped stretch averaged in reads low).
        Assert.All(outcome.Points.Skip(1), p => Assert.True(p.Reference > 0.1 && Math.Abs(p.PenReading - p.Reference) < 0.1 * p.Reference,
            $"fit point {p.SetPoint:0.00} A: pen {p.PenReading:0.0000} A, ammeter {p.Reference:0.0000} A"));
        Assert.All(outcome.Checks, c => Assert.True(Math.Abs(c.Error) <= CurrentCalibration.ToleranceAmps, $"check error {c.Error} A"));
    }

    // A host that falls silent at every attempt of a point never gives the point: the procedure stops with the cause
    // (not a fit over stopped stretches), writes nothing and leaves the motor stopped.
    [Fact]
    public void A_point_whose_motor_stops_at_every_attempt_is_a_clear_error_and_nothing_is_written()
    {
        using var bench = new SimulatedBench();
        using var session = new PenSession(bench.Target, DevelopmentServiceKey.Bytes, Timeout);
        byte[] before = CalibrationWriter.Bytes(session.Client.ReadCalibration());
        var ammeter = new SilentHostAmmeter(new SimLoadBench(bench.Server), bench.Server, stallReadings: int.MaxValue, reading => reading == 2);
        var procedure = new CurrentCalibration(session, ammeter, _ => { }, default);

        var e = Assert.Throws<InvalidOperationException>(() => procedure.Run("tech-1", DateTime.UtcNow));
        _out.WriteLine(e.Message);
        Assert.Contains("stopped its motor", e.Message);
        Assert.Contains($"all {KeepAliveRetry.Restarts + 1} attempts", e.Message);
        Assert.Equal(KeepAliveRetry.Restarts + 1, ammeter.Stalls);
        Assert.Equal(before, CalibrationWriter.Bytes(session.Client.ReadCalibration()));
        Assert.Equal(0, session.Client.GetStatus().DutyBasisPoints);
    }

    // The ammeter, with the host silent for longer than the pen's link keep-alive as it starts chosen readings: the pen
    // runs on its own thread with its link polled and no byte from the host, as when the host stalls.
    private sealed class SilentHostAmmeter(SimLoadBench inner, PenServer server, int stallReadings, Func<double, bool> stallAt) : IReferenceInstrument, ILoadInstrument
    {
        public int Stalls { get; private set; }
        public string Name => inner.Name;
        public string Id => inner.Id;
        public double Uncertainty => inner.Uncertainty;
        public string? NotReadyReason() => inner.NotReadyReason();
        public void SetLoad(double amps) => inner.SetLoad(amps);

        public double Read(double setPoint, string unit)
        {
            if (stallAt(setPoint) && Stalls < stallReadings)
            {
                Stalls++;
                SilentHost.Stall(server);
            }
            return inner.Read(setPoint, unit);
        }
    }

    private sealed class ScaledInstrument(SimLoadBench inner, double factor) : IReferenceInstrument, ILoadInstrument
    {
        public string Name => inner.Name;
        public string Id => inner.Id;
        public double Uncertainty => inner.Uncertainty;
        public string? NotReadyReason() => inner.NotReadyReason();
        public double Read(double setPoint, string unit) => inner.Read(setPoint, unit) * factor;
        public void SetLoad(double amps) => inner.SetLoad(amps);
    }
}
