using MnPen.Hal.Simulator.Cartridge;
using MnPen.Hal.Simulator.Storage;

namespace MnPen.Storage.Tests;

public class CalibrationValidationTests
{
    public static TheoryData<string, string> Mutations => new()
    {
        { "duty-not-rising", "feed-forward duty does not rise" },
        { "rates-not-ascending", "feed-forward rates are not strictly ascending" },
        { "rate-table-short-of-150", "must cover 50..150" },
        { "duty-above-one", "outside (0, 1]" },
        { "duty-nan", "outside (0, 1]" },
        { "table-lengths-differ", "differ in length" },
        { "kp-too-high", "rate Kp" },
        { "kp-zero", "rate Kp" },
        { "ki-negative", "rate Ki" },
        { "supply-low", "supply" },
        { "depth-not-to-2.5", "must cover 0..2.5" },
        { "depth-feedback-falls", "depth feedback does not rise" },
        { "depth-drive-falls", "depth drive does not rise" },
        { "current-offset-high", "current-sense offset" },
        { "current-offset-below-any-chip", "current-sense offset" },
        { "current-gain-off", "current-sense gain" },
        { "current-gain-inf", "current-sense gain" },
        { "no-serial", "serial number is empty" },
        { "no-technician", "technician id is empty" },
        { "due-before-calibration", "next-due" },
        { "date-ancient", "before 2020" },
    };

    private static Calibration Mutate(string what)
    {
        var c = TestData.ValidCalibration();
        switch (what)
        {
            case "duty-not-rising": c.FeedForwardDuties[3] = 0.40f; break;
            case "rates-not-ascending": c.FeedForwardRates[2] = 70f; break;
            case "rate-table-short-of-150": c.FeedForwardRates[4] = 140f; break;
            case "duty-above-one": c.FeedForwardDuties[4] = 1.2f; break;
            case "duty-nan": c.FeedForwardDuties[1] = float.NaN; break;
            case "table-lengths-differ": c.FeedForwardDuties = c.FeedForwardDuties[..4]; break;
            case "kp-too-high": c.RateKp = 0.2f; break;
            case "kp-zero": c.RateKp = 0f; break;
            case "ki-negative": c.RateKi = -0.01f; break;
            case "supply-low": c.FeedForwardSupplyVolts = 3.3f; break;
            case "depth-not-to-2.5": c.DepthMm = new[] { 0f, 1f, 2f }; c.DepthDrive = new[] { 0f, 0.3f, 0.6f }; c.DepthFeedbackCounts = new[] { 200, 1400, 2600 }; break;
            case "depth-feedback-falls": c.DepthFeedbackCounts[3] = 1000; break;
            case "depth-drive-falls": c.DepthDrive[5] = 0.1f; break;
            case "current-offset-high": c.CurrentOffsetCounts = 900; break;
            case "current-offset-below-any-chip": c.CurrentOffsetCounts = CalibrationValidator.CurrentOffsetMin - 1; break;
            case "current-gain-off": c.CurrentMilliampsPerCount = 1.2f; break;
            case "current-gain-inf": c.CurrentMilliampsPerCount = float.PositiveInfinity; break;
            case "no-serial": c.SerialNumber = ""; break;
            case "no-technician": c.TechnicianId = null!; break;
            case "due-before-calibration": c.NextDueDay = c.CalibratedOnDay - 1; break;
            case "date-ancient": c.CalibratedOnDay = 100; c.NextDueDay = 400; break;
            default: throw new ArgumentException(what);
        }
        return c;
    }

    [Fact]
    public void The_sample_calibration_is_valid()
    {
        Assert.Null(CalibrationValidator.Validate(TestData.ValidCalibration()));
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Out_of_range_or_non_monotonic_calibration_is_refused_with_a_reason(string mutation, string reasonPart)
    {
        var c = Mutate(mutation);
        string? why = CalibrationValidator.Validate(c);
        Assert.NotNull(why);
        Assert.Contains(reasonPart, why);

        var (flash, _, store) = TestData.CalibratedPen();
        long before = flash.BytesWritten;
        Assert.Equal(StoreWriteResult.Invalid, store.SaveCalibration(c));
        Assert.Contains(reasonPart, store.LastError);
        Assert.Equal(before, flash.BytesWritten);
        Assert.True(store.CalibrationResult.IsValid, "the good calibration stays in force");
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Invalid_calibration_already_in_storage_loads_as_invalid_never_as_values(string mutation, string reasonPart)
    {
        var c = Mutate(mutation);
        var flash = new SimulatedFlash();
        var buffer = new byte[CalibrationCodec.MaxPayload];
        int n = CalibrationCodec.Encode(c, buffer);
        if (n < 0) return; // tables the encoder itself rejects cannot reach storage
        TestData.CalibrationStore(flash).Save(CalibrationCodec.CurrentVersion, buffer, n);

        var result = new PenStore(flash, new SimOneWireBus(), null).LoadCalibration();

        Assert.Equal(CalibrationStatus.Invalid, result.Status);
        Assert.StartsWith("calibration invalid: ", result.Reason);
        Assert.Contains(reasonPart, result.Reason);
        Assert.Null(result.Calibration);
    }

    [Fact]
    public void Missing_calibration_is_reported_as_never_calibrated()
    {
        var store = TestData.NewStore(new SimulatedFlash(), new SimOneWireBus());
        Assert.Equal(CalibrationStatus.Missing, store.CalibrationResult.Status);
        Assert.Contains("has not been calibrated", store.CalibrationResult.Reason);
        Assert.Null(store.Calibration);
    }

    [Fact]
    public void Calibration_round_trips_exactly_through_the_codec()
    {
        var c = TestData.ValidCalibration();
        var back = CalibrationCodec.Decode(CalibrationCodec.CurrentVersion, TestData.Encode(c), TestData.Encode(c).Length);
        Assert.NotNull(back);
        Assert.Equal(TestData.Encode(c), TestData.Encode(back));
        Assert.Equal(c.SerialNumber, back.SerialNumber);
        Assert.Equal(c.TechnicianId, back.TechnicianId);
        Assert.Equal(c.DepthFeedbackCounts, back.DepthFeedbackCounts);
    }

    [Fact]
    public void Truncated_payloads_decode_to_nothing_rather_than_partial_values()
    {
        byte[] full = TestData.Encode(TestData.ValidCalibration());
        for (int len = 0; len < full.Length; len++)
            Assert.Null(CalibrationCodec.Decode(CalibrationCodec.CurrentVersion, full, len));
        byte[] v1 = TestData.EncodeCalibrationV1(TestData.ValidCalibration());
        for (int len = 0; len < v1.Length; len++)
            Assert.Null(CalibrationCodec.Decode(1, v1, len));
    }

    [Fact]
    public void Calibration_is_due_on_and_after_its_next_due_day_only()
    {
        var c = TestData.ValidCalibration();
        Assert.False(CalibrationValidator.IsDue(c, c.NextDueDay - 1));
        Assert.True(CalibrationValidator.IsDue(c, c.NextDueDay));
        Assert.False(CalibrationValidator.IsDue(c, 0));
    }
}
