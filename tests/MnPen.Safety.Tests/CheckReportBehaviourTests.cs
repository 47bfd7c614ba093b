namespace MnPen.Safety.Tests;

/// <summary>Report bookkeeping the pre-run and self-test results rely on.</summary>
public class CheckReportBehaviourTests
{
    [Fact]
    [Trait("Requirement", "SAF-PRE-01")]
    public void First_blocking_reason_skips_leading_warnings_and_a_cleared_report_keeps_no_stale_entry()
    {
        var r = new CheckReport();
        r.Add(FaultCode.BatteryLow);
        r.Add(FaultCode.CalibrationDue);
        r.Add(FaultCode.DepthNotReached);
        r.Add(FaultCode.CartridgeAbsent);
        Assert.Equal(FaultCode.DepthNotReached, r.FirstBlocking);
        Assert.Equal(4, r.Count);
        Assert.False(r.Passed);
        Assert.True(r.Contains(FaultCode.CartridgeAbsent));
        r.Clear();
        Assert.Equal(FaultCode.None, r[0]);
        Assert.Equal(FaultCode.None, r[3]);
        Assert.False(r.Contains(FaultCode.BatteryLow));
        r.Add(FaultCode.BatteryLow);
        Assert.True(r.Passed);
        Assert.Equal(FaultCode.None, r.FirstBlocking);
        r.Add(FaultCode.TemperatureDerating);
        Assert.False(r.Passed);
    }
}
