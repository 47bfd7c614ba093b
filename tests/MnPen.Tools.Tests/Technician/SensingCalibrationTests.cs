using MnPen.Calibration;
using MnPen.Calibration.Instruments;
using MnPen.VirtualPen.Serve;

namespace MnPen.Tools.Tests.Technician;

/// <summary>
/// `calibrate thermistor|battery` on the simulated bench, whose pen's ADC, NTC and divider drifted from the parts its
/// factory calibration was measured on: the fit must bring it within tolerance, and every way of failing must leave
/// the previous calibration byte for byte.
/// </summary>
public class SensingCalibrationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData("thermistor", 0.5)]
    [InlineData("battery", 0.1)]
    public void A_drifted_pen_is_fitted_written_and_verified_within_tolerance(string channel, double driftAtLeast)
    {
        using var bench = new SimulatedBench();
        var ch = Channel(channel);
        using var session = new PenSession(bench.Target, DevelopmentServiceKey.Bytes, Timeout);
        var before = session.Client.ReadCalibration();
        var outcome = new SensingCalibration(session, Reference(channel, bench.Server), ch, _ => { }, default).Run("tech-1", DateTime.UtcNow);

        Assert.True(outcome.Verdict == "pass", outcome.Reason);
        Assert.True(outcome.Written);
        // The case can fail: before the fit the pen was off by more than the tolerance.
        double drift = outcome.Points.Average(p => Math.Abs(p.PenReading - p.Reference));
        Assert.True(drift >= driftAtLeast, $"the bench pen read only {drift:0.###} {ch.Unit} off before calibration");
        Assert.All(outcome.Checks, c => Assert.True(Math.Abs(c.Error) <= ch.Tolerance, $"check error {c.Error}"));
        var after = session.Client.ReadCalibration();
        Assert.NotEqual(ch.Coefficient(before), ch.Coefficient(after));
        Assert.Equal("tech-1", after.TechnicianId);
        Assert.Contains(session.Client.ReadEvents(0, 200).Entries, e => e.Kind == (int)MnPen.Storage.EventKind.CalibrationChanged && e.Argument == (uint)after.CalibratedOnDay);
    }

    [Fact]
    public void A_verification_that_fails_after_writing_restores_the_previous_calibration_byte_for_byte()
    {
        using var bench = new SimulatedBench();
        using var session = new PenSession(bench.Target, DevelopmentServiceKey.Bytes, Timeout);
        byte[] before = CalibrationWriter.Bytes(session.Client.ReadCalibration());
        // A thermometer that is knocked after the fit: its checks read 1 °C high.
        var knocked = new StepInstrument(SimInstrument.Thermometer(bench.Server), afterReading: SensingCalibration.Readings, step: 1.0);
        var outcome = new SensingCalibration(session, knocked, SensingChannel.Thermistor(), _ => { }, default).Run("tech-1", DateTime.UtcNow);

        Assert.Equal("rejected", outcome.Verdict);
        Assert.True(outcome.Restored);
        Assert.Equal(before, CalibrationWriter.Bytes(session.Client.ReadCalibration()));
    }

    [Fact]
    public void A_correction_beyond_any_healthy_pen_is_refused_before_anything_is_written()
    {
        using var pen = new ServedPen();
        using var session = new PenSession(pen.Target, DevelopmentServiceKey.Bytes, Timeout);
        byte[] before = CalibrationWriter.Bytes(session.Client.ReadCalibration());
        var wrong = new SimInstrument(pen.Server, "voltmeter on the wrong range", "X", 0.01, 2.0, p => p.Board.BatteryTerminalVolts);
        var outcome = new SensingCalibration(session, wrong, SensingChannel.Battery(), _ => { }, default).Run("tech-1", DateTime.UtcNow);

        Assert.Equal("rejected", outcome.Verdict);
        Assert.False(outcome.Written);
        Assert.Contains("nothing was written", outcome.Reason);
        Assert.Equal(before, CalibrationWriter.Bytes(session.Client.ReadCalibration()));
    }

    [Fact]
    public void An_interrupted_calibration_leaves_the_previous_calibration()
    {
        using var pen = new ServedPen();
        using var session = new PenSession(pen.Target, DevelopmentServiceKey.Bytes, Timeout);
        byte[] before = CalibrationWriter.Bytes(session.Client.ReadCalibration());
        using var stop = new CancellationTokenSource();
        var procedure = new SensingCalibration(session, SimInstrument.Thermometer(pen.Server), SensingChannel.Thermistor(),
            line => { if (line.Contains("2/")) stop.Cancel(); }, stop.Token);

        Assert.ThrowsAny<OperationCanceledException>(() => procedure.Run("tech-1", DateTime.UtcNow));
        Assert.Equal(before, CalibrationWriter.Bytes(session.Client.ReadCalibration()));
    }

    [Fact]
    public void Calibrate_thermistor_on_the_simulated_bench_writes_its_certificates_from_the_command_line()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mnpen-cal-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, output, error) = Cli.Run("calibrate", "thermistor", "--target", "sim", "--reference", "sim", "--certificate-dir", dir, "--json");
            Assert.True(exit == 0, error + output);
            Assert.Contains("\"written\": true", output);
            Assert.Equal(2, Directory.GetFiles(dir).Length);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    private static SensingChannel Channel(string name) => name == "thermistor" ? SensingChannel.Thermistor() : SensingChannel.Battery();

    private static IReferenceInstrument Reference(string name, PenServer server) =>
        name == "thermistor" ? SimInstrument.Thermometer(server) : SimInstrument.Voltmeter(server);

    private sealed class StepInstrument : IReferenceInstrument
    {
        private readonly IReferenceInstrument _inner;
        private readonly int _after;
        private readonly double _step;
        private int _reads;

        public StepInstrument(IReferenceInstrument inner, int afterReading, double step)
        {
            _inner = inner;
            _after = afterReading;
            _step = step;
        }

        public string Name => _inner.Name;
        public string Id => _inner.Id;
        public double Uncertainty => _inner.Uncertainty;
        public string? NotReadyReason() => _inner.NotReadyReason();
        public double Read(double setPoint, string unit) => _inner.Read(setPoint, unit) + (Interlocked.Increment(ref _reads) > _after ? _step : 0.0);
    }
}
