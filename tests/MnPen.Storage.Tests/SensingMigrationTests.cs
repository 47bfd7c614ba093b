using MnPen.Hal.Simulator.Cartridge;
using MnPen.Hal.Simulator.Storage;

namespace MnPen.Storage.Tests;

/// <summary>Calibration schema v3 (per-pen thermistor and battery scaling) and the migration of v1/v2 records.</summary>
public class SensingMigrationTests
{
    private static byte[] EncodeV2(Calibration c) => TestData.Encode(c)[..^(CalibrationCodec.SensingBlockLength + CalibrationCodec.MotorBlockLength)];

    [Fact]
    public void A_v2_record_loads_with_the_conservative_sensing_scales_and_a_needs_calibration_status()
    {
        var flash = new SimulatedFlash();
        var original = TestData.ValidCalibration();
        byte[] v2 = EncodeV2(original);
        Assert.Equal(StoreWriteResult.Ok, TestData.CalibrationStore(flash).Save(2, v2, v2.Length));

        var result = new PenStore(flash, new SimOneWireBus(), null).LoadCalibration();

        Assert.True(result.IsValid, result.Reason);
        Assert.True(result.NeedsSensingCalibration);
        Assert.Contains("needs calibration", result.Reason);
        var c = result.Calibration;
        Assert.False(c.SensingCalibrated);
        Assert.Equal(SensingDefaults.ConservativeThermistorRailCounts, c.ThermistorRailCounts);
        Assert.Equal(SensingDefaults.ConservativeBatteryMillivoltsPerCount, c.BatteryMillivoltsPerCount);
        Assert.Equal(original.CurrentMilliampsPerCount, c.CurrentMilliampsPerCount);
        Assert.Equal(original.DepthFeedbackCounts, c.DepthFeedbackCounts);
        Assert.Equal(original.TechnicianId, c.TechnicianId);
    }

    [Fact]
    public void Rewriting_a_migrated_record_in_v3_keeps_it_marked_as_needing_sensing_calibration()
    {
        var flash = new SimulatedFlash();
        byte[] v2 = EncodeV2(TestData.ValidCalibration());
        TestData.CalibrationStore(flash).Save(2, v2, v2.Length);

        TestData.NewStore(flash, new SimOneWireBus());   // boot rewrites it in the current schema

        var raw = TestData.CalibrationStore(flash);
        Assert.Equal(RecordStatus.Ok, raw.Load());
        Assert.Equal(CalibrationCodec.CurrentVersion, raw.Version);
        var again = TestData.NewStore(flash, new SimOneWireBus()).CalibrationResult;
        Assert.True(again.IsValid);
        Assert.True(again.NeedsSensingCalibration, "a migrated record must never become silently calibrated");
    }

    [Fact]
    public void A_v1_record_also_loads_as_needing_sensing_calibration()
    {
        var flash = new SimulatedFlash();
        byte[] v1 = TestData.EncodeCalibrationV1(TestData.ValidCalibration());
        TestData.CalibrationStore(flash).Save(1, v1, v1.Length);

        var result = new PenStore(flash, new SimOneWireBus(), null).LoadCalibration();

        Assert.True(result.IsValid, result.Reason);
        Assert.True(result.NeedsSensingCalibration);
    }

    [Fact]
    public void A_v3_record_round_trips_its_sensing_coefficients_and_loads_without_a_warning()
    {
        var flash = new SimulatedFlash();
        var c = TestData.ValidCalibration();
        c.ThermistorRailCounts = 4123.5f;
        c.BatteryMillivoltsPerCount = 2.9876f;
        var store = new PenStore(flash, new SimOneWireBus(), null);
        Assert.Equal(StoreWriteResult.Ok, store.SaveCalibration(c));

        var result = new PenStore(flash, new SimOneWireBus(), null).LoadCalibration();

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal("", result.Reason);
        Assert.Equal(4123.5f, result.Calibration.ThermistorRailCounts);
        Assert.Equal(2.9876f, result.Calibration.BatteryMillivoltsPerCount);
        Assert.True(result.Calibration.SensingCalibrated);
    }

    [Theory]
    [InlineData(3849f, 3.0f, "thermistor scaling")]
    [InlineData(4951f, 3.0f, "thermistor scaling")]
    [InlineData(float.NaN, 3.0f, "thermistor scaling")]
    [InlineData(4359f, 2.69f, "battery scaling")]
    [InlineData(4359f, 3.41f, "battery scaling")]
    [InlineData(4359f, float.PositiveInfinity, "battery scaling")]
    public void Sensing_coefficients_outside_every_possible_pen_are_refused(float rail, float battery, string reason)
    {
        var c = TestData.ValidCalibration();
        c.ThermistorRailCounts = rail;
        c.BatteryMillivoltsPerCount = battery;
        Assert.Contains(reason, CalibrationValidator.Validate(c));
    }

    [Fact]
    public void A_v3_record_cut_short_inside_the_sensing_block_is_malformed_not_defaulted()
    {
        byte[] full = TestData.Encode(TestData.ValidCalibration());
        int v3Length = full.Length - CalibrationCodec.MotorBlockLength;   // v4 is v3 plus the motor block
        Assert.NotNull(CalibrationCodec.Decode(3, full, v3Length));
        Assert.Null(CalibrationCodec.Decode(3, full, v3Length - 1));
    }
}
