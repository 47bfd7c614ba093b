using MnPen.Calibration;
using MnPen.Calibration.Instruments;
using MnPen.Client;
using MnPen.Storage;
using MnPen.VirtualPen.Serve;

namespace MnPen.Tools.Tests.Technician;

/// <summary>
/// Every guided kind, rejected for a real cause (its reference instrument knocked after the fit, so the pen's checks
/// disagree with it beyond tolerance): the pen keeps its previous calibration byte for byte, both as the protocol reads
/// it (every field, motor constants included) and as the pen's store holds it after its restart.
/// </summary>
public class RejectedCalibrationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData("depth")]
    [InlineData("rate")]
    [InlineData("current")]
    [InlineData("thermistor")]
    [InlineData("battery")]
    [InlineData("motor")]
    public void A_calibration_rejected_at_verification_keeps_the_previous_one_byte_for_byte(string kind)
    {
        // The motor's pen has a replaced motor, so the auto-tune has something to write.
        using var bench = kind == "motor" ? new SimulatedBench(scale: 0, motorDrift: true) : new SimulatedBench();
        var (wire, stored) = Snapshot(bench);

        CalibrationOutcome outcome;
        using (var session = new PenSession(bench.Target, DevelopmentServiceKey.Bytes, Timeout))
        {
            outcome = kind switch
            {
                // 11 map points are read before the write; the checks then read 0.2 mm deep (±0.05 mm allowed).
                "depth" => new DepthCalibration(session, new Knocked(new SimDepthGauge(bench.Server), 11, 0.2), _ => { }, default).Run("t-1", DateTime.UtcNow),
                // Nothing is written by a rate check: a tachometer reading 5 % high (±1 % allowed) rejects it from the start.
                "rate" => new ReadingCheck(session, new Knocked(SimInstrument.Tachometer(bench.Server), 0, 0, 1.05), ReadingQuantity.Rate(), _ => { }, default).Run("t-1", DateTime.UtcNow),
                "current" => new CurrentCalibration(session, new Knocked(new SimLoadBench(bench.Server), CurrentCalibration.ReadingsBeforeWrite, 0.08), _ => { }, default).Run("t-1", DateTime.UtcNow),
                // The test pulses are read true; the checks then read 3 strokes/s fast (6 % at 50 strokes/s, ±1 % allowed).
                "motor" => new MotorCalibration(session, new Knocked(new SimMotorBench(bench.Server), MotorCalibration.ReadingsBeforeWrite, 3.0), _ => { }, default).Run("t-1", DateTime.UtcNow),
                "thermistor" => new SensingCalibration(session, new Knocked(SimInstrument.Thermometer(bench.Server), SensingCalibration.Readings, 1.0), SensingChannel.Thermistor(), _ => { }, default).Run("t-1", DateTime.UtcNow),
                _ => new SensingCalibration(session, new Knocked(SimInstrument.Voltmeter(bench.Server), SensingCalibration.Readings, 0.2), SensingChannel.Battery(), _ => { }, default).Run("t-1", DateTime.UtcNow),
            };
        }

        Assert.Equal("rejected", outcome.Verdict);
        Assert.False(outcome.Written);
        Assert.Equal(kind != "rate", outcome.Restored);
        var (wireAfter, storedAfter) = Snapshot(bench);
        Assert.Equal(wire, wireAfter);
        Assert.Equal(stored, storedAfter);
    }

    // The calibration as the protocol reads it, and as the pen's store encodes it (float32, every field).
    private static (byte[] Wire, byte[] Stored) Snapshot(SimulatedBench bench)
    {
        using var c = PenClient.Connect(bench.Target, Timeout);
        byte[] wire = CalibrationWriter.Bytes(c.ReadCalibration());
        byte[] stored = bench.Server.Query(p =>
        {
            var buf = new byte[CalibrationCodec.MaxPayload];
            int n = CalibrationCodec.Encode(p.Firmware.Store.Calibration, buf);
            return buf.AsSpan(0, n).ToArray();
        });
        return (wire, stored);
    }

    /// <summary>A real instrument that, after a number of good readings, reads off by a bias (and a factor from the start).</summary>
    private sealed class Knocked(IReferenceInstrument inner, int goodReadings, double bias, double factor = 1.0) : IReferenceInstrument, ILoadInstrument
    {
        private int _n;
        public string Name => inner.Name;
        public string Id => inner.Id;
        public double Uncertainty => inner.Uncertainty;
        public string? NotReadyReason() => inner.NotReadyReason();
        public double Read(double setPoint, string unit) => inner.Read(setPoint, unit) * factor + (Interlocked.Increment(ref _n) > goodReadings ? bias : 0);
        public void SetLoad(double amps) => (inner as ILoadInstrument)?.SetLoad(amps);
    }
}
