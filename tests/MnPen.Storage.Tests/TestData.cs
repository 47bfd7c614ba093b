using MnPen.Hal;
using MnPen.Hal.Simulator.Cartridge;
using MnPen.Hal.Simulator.Storage;

namespace MnPen.Storage.Tests;

/// <summary>Sample records and legacy (older schema) encoders written from the layouts in docs/storage.md.</summary>
internal static class TestData
{
    public const int Today = 9800; // 2026-10-31

    public static Calibration ValidCalibration(string serial = "MNP-000123", float kp = 0.004f) => new()
    {
        FeedForwardRates = new[] { 40f, 70f, 100f, 130f, 160f },
        FeedForwardDuties = new[] { 0.22f, 0.35f, 0.48f, 0.62f, 0.76f },
        FeedForwardSupplyVolts = 7.4f,
        RateKp = kp,
        RateKi = 0.02f,
        DepthMm = new[] { 0f, 0.5f, 1.0f, 1.5f, 2.0f, 2.5f, 3.0f },
        DepthDrive = new[] { 0.02f, 0.17f, 0.33f, 0.50f, 0.66f, 0.83f, 0.98f },
        DepthFeedbackCounts = new[] { 200, 815, 1430, 2050, 2670, 3290, 3900 },
        CurrentOffsetCounts = 6,
        CurrentMilliampsPerCount = 0.5372f,
        ThermistorRailCounts = 4359.2f,
        BatteryMillivoltsPerCount = 3.0281f,
        SensingCalibrated = true,
        SerialNumber = serial,
        CalibratedOnDay = 9700,
        NextDueDay = 10065,
        TechnicianId = "tech-42",
    };

    public static byte[] Encode(Calibration c)
    {
        var b = new byte[CalibrationCodec.MaxPayload];
        int n = CalibrationCodec.Encode(c, b);
        Assert.True(n > 0);
        return b[..n];
    }

    public static byte[] Encode(Settings s)
    {
        var b = new byte[SettingsCodec.PayloadSize];
        SettingsCodec.Encode(s, b);
        return b;
    }

    /// <summary>Calibration schema v1 (firmware 0.x) as documented: fixed-point tables, no technician, no next-due date.</summary>
    public static byte[] EncodeCalibrationV1(Calibration c)
    {
        var b = new List<byte> { (byte)c.FeedForwardRates.Length, (byte)c.DepthMm.Length };
        void U16(int v) { b.Add((byte)v); b.Add((byte)(v >> 8)); }
        void F32(float v) => b.AddRange(BitConverter.GetBytes(v));
        U16((int)Math.Round(c.FeedForwardSupplyVolts * 1000));
        F32(c.RateKp);
        F32(c.RateKi);
        U16((short)c.CurrentOffsetCounts);
        F32(c.CurrentMilliampsPerCount);
        U16(c.CalibratedOnDay);
        for (int i = 0; i < c.FeedForwardRates.Length; i++)
        {
            U16((int)Math.Round(c.FeedForwardRates[i] * 10));
            U16((int)Math.Round(c.FeedForwardDuties[i] * 10000));
        }
        for (int i = 0; i < c.DepthMm.Length; i++)
        {
            U16((int)Math.Round(c.DepthMm[i] * 1000));
            U16((int)Math.Round(c.DepthDrive[i] * 10000));
            U16(c.DepthFeedbackCounts[i]);
        }
        b.Add((byte)c.SerialNumber.Length);
        b.AddRange(c.SerialNumber.Select(ch => (byte)ch));
        return b.ToArray();
    }

    /// <summary>Settings schema v1: six rate levels, depth step in 0.01 mm, max continuous run (s).</summary>
    public static byte[] EncodeSettingsV1(int[] levels, int depthStepHundredths, int maxRunSeconds)
    {
        var b = new byte[SettingsCodec.V1PayloadSize];
        for (int i = 0; i < 6; i++) b[i] = (byte)levels[i];
        b[6] = (byte)depthStepHundredths;
        b[7] = (byte)maxRunSeconds;
        b[8] = (byte)(maxRunSeconds >> 8);
        return b;
    }

    public static RecordStore CalibrationStore(INonVolatileStorage s) =>
        new(s, PenStore.CalibrationName, CalibrationCodec.RecordType, CalibrationCodec.MaxPayload, new WriteGuard());

    public static RecordStore SettingsStore(INonVolatileStorage s) =>
        new(s, PenStore.SettingsName, SettingsCodec.RecordType, 64, new WriteGuard());

    public static Ds2431Device NewCartridge(long serial, int maxDepthSteps = 50, int expiryDay = 11000)
    {
        var dev = new Ds2431Device(Ds2431Device.CreateRomId(serial), CartridgeImage.CreateNew(3, 16, maxDepthSteps, 4711, expiryDay, 9600));
        dev.SetPageProtection(0, 0x55);
        return dev;
    }

    /// <summary>A pen's storage side: flash, bus, store booted with a valid calibration.</summary>
    public static (SimulatedFlash flash, SimOneWireBus bus, PenStore store) CalibratedPen(string serial = "MNP-000123", SimulatedFlash? flash = null, SimOneWireBus? bus = null)
    {
        flash ??= new SimulatedFlash();
        bus ??= new SimOneWireBus();
        var store = NewStore(flash, bus);
        if (!store.CalibrationResult.IsValid || store.Calibration.SerialNumber != serial)
        {
            Assert.Equal(StoreWriteResult.Ok, store.SaveCalibration(ValidCalibration(serial)));
            store.Background();
        }
        return (flash, bus, store);
    }

    public static PenStore NewStore(SimulatedFlash flash, SimOneWireBus bus)
    {
        var store = new PenStore(flash, bus, null);
        store.CartridgeMemory.ProgramDelayMillis = 0;
        store.Boot(0, 0x00010000);
        return store;
    }
}
