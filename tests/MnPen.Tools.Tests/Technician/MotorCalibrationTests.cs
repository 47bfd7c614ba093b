using MnPen.Calibration;
using MnPen.Calibration.Instruments;
using MnPen.Client;
using MnPen.Firmware;
using MnPen.Hal.Simulator.Parameters;
using MnPen.Storage;
using MnPen.VirtualPen.Serve;
using Xunit.Abstractions;

namespace MnPen.Tools.Tests.Technician;

/// <summary>
/// `calibrate motor` on the simulated bench, whose pen's motor was replaced by one 10 % weaker with 12 % more
/// resistance than its record says: judged against the simulator's true motor, not against what the pen reads.
/// </summary>
public class MotorCalibrationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly ITestOutputHelper _out;

    public MotorCalibrationTests(ITestOutputHelper output) => _out = output;

    [Fact]
    public void A_replaced_motor_is_measured_to_its_parts_its_gains_follow_and_every_level_meets_the_rate_target()
    {
        using var bench = new SimulatedBench(scale: 0, motorDrift: true);
        using var session = new PenSession(bench.Target, DevelopmentServiceKey.Bytes, Timeout);
        var before = session.Client.ReadCalibration();
        var outcome = new MotorCalibration(session, new SimMotorBench(bench.Server), _out.WriteLine, default).Run("tech-1", DateTime.UtcNow);
        _out.WriteLine(outcome.Reason);

        Assert.True(outcome.Verdict == "pass", outcome.Reason);
        var motor = SimParameters.Default().Motor;
        double trueKe = motor.BackEmfVoltSecondsPerRad * (1 + SimulatedBench.MotorConstantDrift);
        double coldOhms = motor.ResistanceOhms * (1 + SimulatedBench.MotorResistanceDrift);
        // The record was off by the replacement (so the case can fail) ...
        Assert.True(Math.Abs(before.MotorBackEmfVoltSecondsPerRad / trueKe - 1) > 0.08, $"the record's kₑ {before.MotorBackEmfVoltSecondsPerRad} was already close to {trueKe}");
        var m = outcome.Motor!;
        // ... and the test pulses find the motor's own kₑ within 1 %, and R within the winding's warming over the run
        // (copper +0.39 %/K; the pen warms a few kelvin) plus the fit's spread.
        Assert.InRange(m.BackEmf / trueKe, 0.99, 1.01);
        Assert.InRange(m.Ohms / coldOhms, 0.97, 1.06);
        Assert.True(m.MaxResidualVolts < MotorCalibration.MaxResidualVolts);
        Assert.Equal(MotorCalibration.ReadingsBeforeWrite, m.TestPoints.Count);
        // The gains shown are those the firmware derives for the measured motor: the reference gains times kₑ / kₑ,ref.
        double k = m.BackEmf / RateController.ReferenceBackEmf;
        Assert.Equal(before.RateKp * k, m.Gains.Kp, 1e-6);
        Assert.Equal(before.RateKi * k, m.Gains.Ki, 1e-5);
        // Written, read back, logged, and the needle (tachometer) within ±1 % of every level after the restart.
        var after = session.Client.ReadCalibration();
        Assert.True(after.MotorCalibrated);
        Assert.Equal((float)m.BackEmf, after.MotorBackEmfVoltSecondsPerRad, 1e-6f);
        Assert.Equal(6, outcome.Checks.Count);
        Assert.All(outcome.Checks, c => Assert.True(Math.Abs(c.Reference - c.SetPoint) <= 0.01 * c.SetPoint, $"{c.SetPoint}: {c.Reference}"));
        Assert.Contains(session.Client.ReadEvents(0, 200).Entries, e => e.Kind == (int)EventKind.CalibrationChanged && e.Argument == (uint)after.CalibratedOnDay);
    }

    // The record keeps R at 25 °C; a pen tuned in a 35 °C room measures R(35) = R(25)·(1 + 0.00393·10), 3.9 % high,
    // which `calibrate motor` used to write as it was. The pen's own handpiece reading (status) refers it to 25 °C; what
    // is left (+1.6 % here, +1.8 % in the 22 °C case above) is the winding's warming above the grip over the loaded
    // pulses, which the handpiece reading cannot see, and the fit's spread.
    [Fact]
    public void A_motor_tuned_in_a_warm_room_is_written_at_its_25_degree_resistance_with_the_temperature_on_the_certificate()
    {
        const double room = 35.0;
        using var bench = new SimulatedBench(scale: 0, motorDrift: true);
        bench.Server.Query(p => { p.Board.AmbientCelsius = room; p.Board.Thermal.Soak(room); return 0; });
        using var session = new PenSession(bench.Target, DevelopmentServiceKey.Bytes, Timeout);
        var settle = DateTime.UtcNow.AddSeconds(10);
        while (Math.Abs(session.Client.GetStatus().HandpieceCentiC / 100.0 - room) > 0.5 && DateTime.UtcNow < settle) Thread.Sleep(50);
        var outcome = new MotorCalibration(session, new SimMotorBench(bench.Server), _out.WriteLine, default).Run("tech-1", DateTime.UtcNow);
        _out.WriteLine(outcome.Reason);

        Assert.True(outcome.Verdict == "pass", outcome.Reason);
        var m = outcome.Motor!;
        double coldOhms = SimParameters.Default().Motor.ResistanceOhms * (1 + SimulatedBench.MotorResistanceDrift);
        _out.WriteLine($"measured {m.MeasuredOhms:0.0000} ohm at {m.MeasuredCelsius:0.00} °C, written {m.Ohms:0.0000} ohm; R(25 °C) {coldOhms:0.0000} ohm");
        // The pulses ran warm (so the case can fail) and the pen said so ...
        Assert.InRange(m.MeasuredCelsius, room - 1, room + 3);
        Assert.True(m.MeasuredOhms / coldOhms > 1.03, $"measured {m.MeasuredOhms} is not warm against {coldOhms}");
        // ... and the record holds the 25 °C resistance, within the winding's warming above the grip and the fit's spread.
        Assert.True(m.OhmsReferred);
        Assert.InRange(m.Ohms / coldOhms, 0.98, 1.025);
        Assert.Equal((float)m.Ohms, session.Client.ReadCalibration().MotorResistanceOhms, 1e-4f);
        // The certificate (JSON and page) shows both figures and the temperature.
        string json = System.Text.Json.JsonSerializer.Serialize(outcome, MnPen.Calibration.Certificates.CertificateWriter.Json);
        Assert.Contains("\"measured_celsius\"", json);
        Assert.Contains("\"measured_ohms\"", json);
        string html = System.Net.WebUtility.HtmlDecode(MnPen.Calibration.Certificates.CertificateHtml.Render(outcome));
        Assert.Contains("at 25 °C", html);
        Assert.Contains($"{m.MeasuredCelsius:0.0} °C", html);
    }

    [Fact]
    public void A_brake_that_does_not_grip_is_refused_before_anything_is_written()
    {
        using var bench = new SimulatedBench(scale: 0, motorDrift: true);
        using var session = new PenSession(bench.Target, DevelopmentServiceKey.Bytes, Timeout);
        byte[] before = CalibrationWriter.Bytes(session.Client.ReadCalibration());
        var outcome = new MotorCalibration(session, new SlippingBrake(new SimMotorBench(bench.Server)), _ => { }, default).Run("tech-1", DateTime.UtcNow);

        Assert.Equal("rejected", outcome.Verdict);
        Assert.False(outcome.Written);
        Assert.Contains("brake", outcome.Reason);
        Assert.Contains("nothing was written", outcome.Reason);
        Assert.Equal(before, CalibrationWriter.Bytes(session.Client.ReadCalibration()));
        Assert.Equal(0, session.Client.GetStatus().DutyBasisPoints);
    }

    [Fact]
    public void A_pen_without_a_cartridge_is_refused_with_every_precondition_reported()
    {
        using var bench = new SimulatedBench(scale: 0, motorDrift: true);
        bench.Server.Invoke(p => p.RemoveCartridge());
        using var session = new PenSession(bench.Target, DevelopmentServiceKey.Bytes, Timeout);
        byte[] before = CalibrationWriter.Bytes(session.Client.ReadCalibration());
        var outcome = new MotorCalibration(session, new SimMotorBench(bench.Server), _ => { }, default).Run("tech-1", DateTime.UtcNow);

        Assert.Equal("rejected", outcome.Verdict);
        Assert.Contains(outcome.Preconditions, p => p.Check == "cartridge fitted" && !p.Ok);
        Assert.Contains(outcome.Preconditions, p => p.Check == "bench brake" && p.Ok);
        Assert.Empty(outcome.Points);
        Assert.Equal(before, CalibrationWriter.Bytes(session.Client.ReadCalibration()));
    }

    [Fact]
    public void A_run_interrupted_after_the_write_restores_the_previous_calibration_byte_for_byte()
    {
        using var bench = new SimulatedBench(scale: 0, motorDrift: true);
        using var session = new PenSession(bench.Target, DevelopmentServiceKey.Bytes, Timeout);
        byte[] before = CalibrationWriter.Bytes(session.Client.ReadCalibration());
        using var stop = new CancellationTokenSource();
        bool written = false;
        // Interrupted at the second verification pulse: the new motor is written and in effect by then.
        var procedure = new MotorCalibration(session, new SimMotorBench(bench.Server), line =>
        {
            if (line.StartsWith("writing", StringComparison.Ordinal)) written = true;
            if (written && line.Contains("pulse 2/")) stop.Cancel();
        }, stop.Token);

        Assert.ThrowsAny<OperationCanceledException>(() => procedure.Run("tech-1", DateTime.UtcNow));
        Assert.True(written);
        Assert.Equal(before, CalibrationWriter.Bytes(session.Client.ReadCalibration()));
        Assert.Equal(0, session.Client.GetStatus().DutyBasisPoints);
    }

    [Theory]
    [InlineData("--target sim --reference /no/such/readings.csv", "does not exist")]
    [InlineData("--target tcp://127.0.0.1:9 --reference sim", "--reference sim is a simulated gauge")]
    [InlineData("--target serial: --reference prompt", "names no device")]
    public void Bad_options_are_refused_with_exit_2_and_say_what_to_fix(string options, string message)
    {
        var (exit, _, error) = Cli.Run(new[] { "calibrate", "motor" }.Concat(options.Split(' ')).ToArray());
        Assert.Equal(2, exit);
        Assert.Contains(message, error);
    }

    // The tachometer reads true but the brake slips: the motor is never loaded.
    private sealed class SlippingBrake(SimMotorBench inner) : IReferenceInstrument, ILoadInstrument
    {
        public string Name => inner.Name;
        public string Id => inner.Id;
        public double Uncertainty => inner.Uncertainty;
        public string? NotReadyReason() => inner.NotReadyReason();
        public double Read(double setPoint, string unit) => inner.Read(setPoint, unit);
        public void SetLoad(double amps) { }
    }
}
