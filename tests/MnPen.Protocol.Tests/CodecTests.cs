using FsCheck;
using FsCheck.Fluent;
using MnPen.Protocol;
using MnPen.Storage;

namespace MnPen.Protocol.Tests;

public class CodecTests
{
    private static PayloadWriter Writer(byte[] buf)
    {
        var w = new PayloadWriter();
        w.Reset(buf, 0, buf.Length);
        return w;
    }

    private static PayloadReader Reader(byte[] buf, int len)
    {
        var r = new PayloadReader();
        r.Reset(buf, 0, len);
        return r;
    }

    [Fact]
    public void Status_round_trips_within_field_ranges()
    {
        Prop.ForAll((int seed) =>
        {
            var rng = new Random(seed);
            var s = new PenStatusData
            {
                State = rng.Next(11), Fault = rng.Next(500), RateLevel = rng.Next(6), RateLevelCount = 6, Flags = rng.Next(16),
                TargetRateCenti = rng.Next(15001), LevelRateCenti = rng.Next(15001), MeasuredRateCenti = rng.Next(20000),
                DutyBasisPoints = rng.Next(10001), DepthTargetUm = rng.Next(2501), DepthMeasuredUm = rng.Next(-100, 3000),
                DepthLimitUm = rng.Next(2501), MotorCurrentMa = rng.Next(-50, 4000), HandpieceCentiC = rng.Next(-2000, 9000),
                BatteryMv = rng.Next(9000), RunMs = (uint)rng.Next(), TreatmentMs = (uint)rng.Next(), CartridgeNeedles = rng.Next(50),
                CartridgeMaxDepthUm = rng.Next(2501), TickCount = (uint)rng.Next(), OverrunCount = (uint)rng.Next(), UptimeMs = (uint)rng.Next(),
            };
            var buf = new byte[128];
            var w = Writer(buf);
            StatusCodec.WriteStatus(w, s);
            var back = new PenStatusData();
            var r = Reader(buf, w.Length);
            StatusCodec.ReadStatus(r, back);
            return w.Length == StatusCodec.StatusLength && !r.Error && r.Remaining == 0 &&
                   System.Text.Json.JsonSerializer.Serialize(back, JsonFields) == System.Text.Json.JsonSerializer.Serialize(s, JsonFields);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonFields = new() { IncludeFields = true };

    [Fact]
    public void Values_outside_a_field_saturate_instead_of_wrapping()
    {
        var s = new PenStatusData { DepthMeasuredUm = 100000, MotorCurrentMa = -99999, BatteryMv = 70000 };
        var buf = new byte[128];
        var w = Writer(buf);
        StatusCodec.WriteStatus(w, s);
        var back = new PenStatusData();
        StatusCodec.ReadStatus(Reader(buf, w.Length), back);
        Assert.Equal(32767, back.DepthMeasuredUm);
        Assert.Equal(-32768, back.MotorCurrentMa);
        Assert.Equal(65535, back.BatteryMv);
    }

    [Fact]
    public void Calibration_round_trips_to_micro_units()
    {
        var c = SampleCalibration();
        var buf = new byte[FrameFormat.MaxPayload];
        var w = Writer(buf);
        CalibrationWire.Write(w, c);
        Assert.False(w.Overflow);
        var back = CalibrationWire.Read(Reader(buf, w.Length));
        Assert.NotNull(back);
        Assert.Equal(c.FeedForwardRates, back!.FeedForwardRates);
        for (int i = 0; i < c.FeedForwardDuties.Length; i++) Assert.Equal(c.FeedForwardDuties[i], back.FeedForwardDuties[i], 6);
        Assert.Equal(c.RateKp, back.RateKp, 6);
        Assert.Equal(c.DepthFeedbackCounts, back.DepthFeedbackCounts);
        Assert.Equal(c.SerialNumber, back.SerialNumber);
        Assert.Equal(c.TechnicianId, back.TechnicianId);
        Assert.Equal(c.NextDueDay, back.NextDueDay);
    }

    [Fact]
    public void A_calibration_with_trailing_bytes_is_malformed_but_one_out_of_order_is_the_validators_to_refuse()
    {
        var c = SampleCalibration();
        c.DepthMm = new[] { 0f, 2f, 1f, 2.5f };
        var buf = new byte[FrameFormat.MaxPayload];
        var w = Writer(buf);
        CalibrationWire.Write(w, c);
        var r = Reader(buf, w.Length);
        var read = CalibrationWire.Read(r);
        Assert.NotNull(read);
        Assert.Contains("ascending", CalibrationValidator.Validate(read!));

        w = Writer(buf);
        CalibrationWire.Write(w, SampleCalibration());
        r = Reader(buf, w.Length + 1);
        Assert.Null(CalibrationWire.Read(r));
    }

    [Fact]
    public void A_largest_calibration_fits_in_one_frame()
    {
        var c = SampleCalibration();
        int n = CalibrationValidator.MaxPoints;
        c.FeedForwardRates = Enumerable.Range(0, n).Select(i => 40f + i * 10f).ToArray();
        c.FeedForwardDuties = Enumerable.Range(0, n).Select(i => 0.1f + i * 0.05f).ToArray();
        c.DepthMm = Enumerable.Range(0, n).Select(i => i * 0.2f).ToArray();
        c.DepthDrive = Enumerable.Range(0, n).Select(i => i * 0.06f).ToArray();
        c.DepthFeedbackCounts = Enumerable.Range(0, n).Select(i => 200 + i * 240).ToArray();
        c.SerialNumber = new string('S', CalibrationValidator.MaxIdLength);
        c.TechnicianId = new string('T', CalibrationValidator.MaxIdLength);
        var buf = new byte[FrameFormat.MaxPayload];
        var w = Writer(buf);
        CalibrationWire.Write(w, c);
        Assert.False(w.Overflow);
        Assert.Equal(CalibrationValidator.MaxPoints, ProtocolLimits.MaxTableEntries);
    }

    [Fact]
    public void Reader_flags_short_payloads_instead_of_throwing()
    {
        Prop.ForAll((byte[] data) =>
        {
            var r = Reader(data, data.Length);
            var s = new PenStatusData();
            StatusCodec.ReadStatus(r, s);
            return r.Error == (data.Length < StatusCodec.StatusLength);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    internal static Calibration SampleCalibration() => new()
    {
        FeedForwardRates = new[] { 40f, 80f, 120f, 160f },
        FeedForwardDuties = new[] { 0.2f, 0.35f, 0.5f, 0.66f },
        FeedForwardSupplyVolts = 7.4f,
        RateKp = 0.004f,
        RateKi = 0.05f,
        DepthMm = new[] { 0f, 1f, 2f, 2.6f },
        DepthDrive = new[] { 0f, 0.33f, 0.66f, 0.86f },
        DepthFeedbackCounts = new[] { 200, 1433, 2666, 3406 },
        CurrentOffsetCounts = 12,
        CurrentMilliampsPerCount = 0.5372f,
        SerialNumber = "MNP-000123",
        CalibratedOnDay = 9000,
        NextDueDay = 9365,
        TechnicianId = "tech-7",
    };
}
