using MnPen.Calibration;
using MnPen.Calibration.Instruments;
using MnPen.VirtualPen.Serve;

namespace MnPen.Tools.Tests.Technician;

public class DepthCalibrationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly DateTime Today = new(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Reads a real gauge, but adds a bias once a number of readings have been taken (a gauge knocked mid-procedure).</summary>
    private sealed class KnockedGauge(IReferenceInstrument inner, int goodReadings, double biasMm) : IReferenceInstrument
    {
        private int _n;
        public string Name => inner.Name;
        public string Id => inner.Id;
        public double Uncertainty => inner.Uncertainty;
        public string? NotReadyReason() => inner.NotReadyReason();
        public double Read(double setPoint, string unit) => inner.Read(setPoint, unit) + (++_n > goodReadings ? biasMm : 0);
    }

    private static byte[] StoredBytes(string target)
    {
        using var c = MnPen.Client.PenClient.Connect(target, Timeout);
        return DepthCalibration.Bytes(c.ReadCalibration());
    }

    [Fact]
    public void A_drifted_pen_is_out_of_tolerance_before_and_within_it_after_a_depth_calibration()
    {
        using var bench = new SimulatedBench();
        var gauge = new SimDepthGauge(bench.Server);
        using (var pen = new PenSession(bench.Target, DevelopmentServiceKey.Bytes, Timeout))
        {
            var before = new DepthCalibration(pen, gauge, _ => { }, default).Verify(2.5);
            Assert.Contains(before, c => !c.Pass);
            var outcome = new DepthCalibration(pen, gauge, _ => { }, default).Run("tech-7", Today);
            Assert.True(outcome.Verdict == "pass", outcome.Reason);
            Assert.True(outcome.Written);
            Assert.Equal(5, outcome.Checks.Count);
        }
        // Judged afresh with a second gauge reading, after the procedure has let go of the pen.
        using var again = new PenSession(bench.Target, DevelopmentServiceKey.Bytes, Timeout);
        var after = new DepthCalibration(again, new SimDepthGauge(bench.Server, seed: 99), _ => { }, default).Verify(2.5);
        Assert.All(after, c => Assert.True(Math.Abs(c.Error) <= DepthCalibration.ToleranceMm, $"{c.SetPoint} mm read {c.Reference} mm"));
        Assert.Equal("tech-7", again.Client.ReadCalibration().TechnicianId);
        again.Dispose();
        // The audit trail in the pen's own log: the write, dated with the calibration's day.
        var log = Cli.Run("log", "--target", bench.Target, "--json");
        Assert.True(log.Exit == 0, log.Err);
        Assert.Contains("calibration written (calibrated on 2026-12-06)", log.Out);
    }

    [Fact]
    public void A_calibration_rejected_at_verification_leaves_the_previous_one_byte_for_byte()
    {
        using var bench = new SimulatedBench();
        byte[] before = StoredBytes(bench.Target);
        CalibrationOutcome outcome;
        using (var pen = new PenSession(bench.Target, DevelopmentServiceKey.Bytes, Timeout))
        {
            // Good during the 11-point sweep, 0.2 mm off at the checks: the new map must not stay.
            var gauge = new KnockedGauge(new SimDepthGauge(bench.Server), 11, 0.2);
            outcome = new DepthCalibration(pen, gauge, _ => { }, default).Run("tech-7", Today);
        }
        Assert.Equal("rejected", outcome.Verdict);
        Assert.True(outcome.Restored);
        Assert.Equal(before, StoredBytes(bench.Target));
    }

    [Fact]
    public void An_interrupted_calibration_writes_nothing()
    {
        using var bench = new SimulatedBench();
        byte[] before = StoredBytes(bench.Target);
        using var cancel = new CancellationTokenSource();
        int lines = 0;
        using (var pen = new PenSession(bench.Target, DevelopmentServiceKey.Bytes, Timeout))
        {
            var procedure = new DepthCalibration(pen, new SimDepthGauge(bench.Server), _ => { if (++lines == 3) cancel.Cancel(); }, cancel.Token);
            Assert.Throws<OperationCanceledException>(() => procedure.Run("tech-7", Today));
        }
        Assert.Equal(before, StoredBytes(bench.Target));
    }

    [Fact]
    public void Gauge_readings_that_do_not_rise_are_rejected_before_anything_is_written()
    {
        using var bench = new SimulatedBench();
        byte[] before = StoredBytes(bench.Target);
        string file = Path.GetTempFileName();
        try
        {
            // Readings for every map point, with two swapped.
            var lines = new[] { 0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5 }.Select(d => $"{d},{(d == 1.0 ? 1.3 : d == 1.25 ? 1.0 : d)}");
            File.WriteAllLines(file, lines);
            var gauge = FileInstrument.Load(file, out _)!;
            using var pen = new PenSession(bench.Target, DevelopmentServiceKey.Bytes, Timeout);
            var outcome = new DepthCalibration(pen, gauge, _ => { }, default).Run("tech-7", Today);
            Assert.Equal("rejected", outcome.Verdict);
            Assert.Contains("do not rise", outcome.Reason);
            Assert.False(outcome.Written);
        }
        finally
        {
            File.Delete(file);
        }
        Assert.Equal(before, StoredBytes(bench.Target));
    }
}
