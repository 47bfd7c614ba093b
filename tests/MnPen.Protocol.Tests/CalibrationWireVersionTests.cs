using MnPen.Protocol;
using MnPen.Storage;

namespace MnPen.Protocol.Tests;

/// <summary>The calibration's wire layout carries the motor constants (layout 3) and still reads layouts 1 and 2.</summary>
public class CalibrationWireVersionTests
{
    private static Calibration Measured()
    {
        var c = CodecTests.SampleCalibration();
        c.ThermistorRailCounts = 4412.5f;
        c.BatteryMillivoltsPerCount = 2.9137f;
        c.SensingCalibrated = true;
        c.MotorResistanceOhms = 2.347f;
        c.MotorBackEmfVoltSecondsPerRad = 0.006213f;
        c.MotorCalibrated = true;
        return c;
    }

    private static byte[] Encode(Calibration c)
    {
        var buf = new byte[FrameFormat.MaxPayload];
        var w = new PayloadWriter();
        w.Reset(buf, 0, buf.Length);
        CalibrationWire.Write(w, c);
        Assert.False(w.Overflow);
        return buf.AsSpan(0, w.Length).ToArray();
    }

    private static Calibration? Decode(byte[] bytes)
    {
        var r = new PayloadReader();
        r.Reset(bytes, 0, bytes.Length);
        return CalibrationWire.Read(r);
    }

    [Fact]
    public void Measured_motor_constants_survive_a_round_trip_over_the_wire()
    {
        var back = Decode(Encode(Measured()))!;
        Assert.True(back.MotorCalibrated);
        Assert.Equal(2.347f, back.MotorResistanceOhms, 5);
        Assert.Equal(0.006213f, back.MotorBackEmfVoltSecondsPerRad, 6);
        Assert.Equal(Encode(Measured()), Encode(back));
    }

    [Theory]
    [InlineData(2, 9)]
    [InlineData(1, 18)]
    public void An_older_layout_reads_with_the_nominal_unmeasured_motor(int layout, int shorterBy)
    {
        // An older tool's bytes: the same record without the blocks its layout lacks.
        byte[] now = Encode(Measured());
        byte[] old = now.AsSpan(0, now.Length - shorterBy).ToArray();
        old[0] = (byte)layout;
        var back = Decode(old)!;
        Assert.NotNull(back);
        Assert.False(back.MotorCalibrated);
        Assert.Equal(MotorDefaults.NominalResistanceOhms, back.MotorResistanceOhms);
        Assert.Equal(MotorDefaults.NominalBackEmfVoltSecondsPerRad, back.MotorBackEmfVoltSecondsPerRad);
        Assert.Null(CalibrationValidator.Validate(back));
        Assert.Equal(layout == 2, back.SensingCalibrated);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void An_unknown_layout_is_malformed(int layout)
    {
        byte[] bytes = Encode(Measured());
        bytes[0] = (byte)layout;
        Assert.Null(Decode(bytes));
    }

    [Fact]
    public void A_layout_3_record_cut_before_its_motor_block_is_malformed()
    {
        byte[] now = Encode(Measured());
        Assert.Null(Decode(now.AsSpan(0, now.Length - 9).ToArray()));
    }
}
