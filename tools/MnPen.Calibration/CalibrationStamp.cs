using PenCalibration = MnPen.Storage.Calibration;

namespace MnPen.Calibration;

/// <summary>
/// Dates and signs a calibration as it is written: calibrated today (UTC), next due after the interval, by the
/// technician named. Without this an imported file kept whatever date it was exported with.
/// </summary>
public static class CalibrationStamp
{
    /// <summary>Default interval to the next calibration, days (the factory's: FactoryCalibrator.IntervalDays).</summary>
    public const int DefaultIntervalDays = MnPen.VirtualPen.Factory.FactoryCalibrator.IntervalDays;

    private static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Days since 2000-01-01 of a UTC date (the calibration's day numbers).</summary>
    public static int Day(DateTime utc) => (int)(utc.Date - Epoch).TotalDays;

    /// <summary>The date of a calibration day number.</summary>
    public static DateTime Date(int day) => Epoch.AddDays(day);

    /// <summary>Stamps the calibration in place; intervalDays 0 keeps the calibration's own interval (or the default if it has none).</summary>
    public static void Apply(PenCalibration c, string technician, DateTime todayUtc, int intervalDays = 0)
    {
        int interval = intervalDays > 0 ? intervalDays : c.NextDueDay > c.CalibratedOnDay ? c.NextDueDay - c.CalibratedOnDay : DefaultIntervalDays;
        c.CalibratedOnDay = Day(todayUtc);
        c.NextDueDay = c.CalibratedOnDay + interval;
        c.TechnicianId = technician;
    }
}
