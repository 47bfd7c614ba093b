namespace MnPen.Storage.Tests;

/// <summary>Calibration schema v4 (the pen's measured motor constants) and the migration of v3 records to the nominal motor.</summary>
public class MotorMigrationTests
{
    private static Calibration Measured()
    {
        var c = TestData.ValidCalibration();
        c.MotorResistanceOhms = 2.1f;
        c.MotorBackEmfVoltSecondsPerRad = 0.0068f;
        c.MotorCalibrated = true;
        return c;
    }

    [Fact]
    public void A_v4_record_keeps_the_measured_motor_constants()
    {
        byte[] b = TestData.Encode(Measured());
        var c = CalibrationCodec.Decode(4, b, b.Length);
        Assert.True(c.MotorCalibrated);
        Assert.Equal(2.1f, c.MotorResistanceOhms);
        Assert.Equal(0.0068f, c.MotorBackEmfVoltSecondsPerRad);
    }

    [Fact]
    public void A_v3_record_loads_with_the_nominal_motor_and_is_marked_unmeasured()
    {
        byte[] v4 = TestData.Encode(Measured());
        byte[] v3 = v4[..^CalibrationCodec.MotorBlockLength];
        var c = CalibrationCodec.Decode(3, v3, v3.Length);
        Assert.NotNull(c);
        Assert.False(c.MotorCalibrated);
        Assert.Equal(MotorDefaults.NominalResistanceOhms, c.MotorResistanceOhms);
        Assert.Equal(MotorDefaults.NominalBackEmfVoltSecondsPerRad, c.MotorBackEmfVoltSecondsPerRad);
        Assert.Null(CalibrationValidator.Validate(c));
    }

    [Fact]
    public void A_v4_record_cut_short_inside_the_motor_block_is_malformed_not_defaulted()
    {
        byte[] b = TestData.Encode(Measured());
        Assert.Null(CalibrationCodec.Decode(4, b, b.Length - 1));
    }

    [Theory]
    [InlineData(0.5f, 0.0052f, "motor resistance")]
    [InlineData(float.NaN, 0.0052f, "motor resistance")]
    [InlineData(3.0f, 0.02f, "back-EMF")]
    [InlineData(3.0f, 0f, "back-EMF")]
    public void Measured_motor_constants_outside_the_design_spread_are_refused(float ohms, float backEmf, string reason)
    {
        var c = Measured();
        c.MotorResistanceOhms = ohms;
        c.MotorBackEmfVoltSecondsPerRad = backEmf;
        Assert.Contains(reason, CalibrationValidator.Validate(c));
    }
}
