using MnPen.Drivers;

namespace MnPen.Firmware.Tests.Sensing;

/// <summary>
/// The known-bad firmware: the sensing of the releases before per-pen calibration, on today's board. The thermistor
/// divider read as ratiometric (the rail reads full scale, 4095), the battery through an ideal 3.3 V reference, and
/// the thresholds set without an uncertainty budget (40.5 °C, 6.0 V).
/// </summary>
internal static class LegacySensing
{
    public const float RailCounts = 4095f;
    public const float BatteryMillivoltsPerCount = BatteryMonitor.DividerRatio * 3300f / 4095f;

    public static void ApplyThermistor(PenFirmware fw)
    {
        fw.ThermistorSensor.Configure(RailCounts);
        fw.Safety.Limits.OverTemperatureCelsius = 40.5f;
    }

    public static void ApplyBattery(PenFirmware fw)
    {
        fw.BatterySensor.Configure(BatteryMillivoltsPerCount);
        fw.Safety.Limits.UnderVoltageVolts = 6.0f;
    }
}
