using MnPen.Hal;
using MnPen.Storage;

namespace MnPen.Protocol.Tests;

/// <summary>A controllable firmware stand-in that records what the endpoint asked of it.</summary>
internal sealed class FakeHandler : IPenCommandHandler
{
    public byte[]? Key;
    public bool Motor;
    public bool Throw;
    public int RateLevel;
    public int DepthLimitUm = 2500;
    public Calibration? Calibration = CodecTests.SampleCalibration();
    public readonly List<string> Calls = new();
    public readonly List<(int Kind, int Detail)> Logged = new();
    public int Reboots;
    public int Starts;

    public string FirmwareVersion => "9.8.7";
    public string SerialNumber => Calibration?.SerialNumber ?? "";
    public bool MotorActive => Motor;

    public void ReadStatus(PenStatusData status)
    {
        if (Throw) throw new InvalidOperationException("boom");
        status.State = 2;
        status.RateLevel = RateLevel;
        status.BatteryMv = 7400;
    }

    public int ReadSetting(int id, out int value)
    {
        value = id == SettingId.RateLevel ? RateLevel : id == SettingId.DepthLimitUm ? DepthLimitUm : 0;
        return ErrorCode.Ok;
    }

    public int WriteSetting(int id, int value, out string reason)
    {
        Calls.Add($"WriteSetting {id}={value}");
        reason = null!;
        if (id == SettingId.DepthLimitUm && value > 2500) { reason = "too deep"; return ErrorCode.AboveHardLimit; }
        if (BusyMs > 0) { reason = "self-test"; return ErrorCode.Busy; }   // as PenCommandHandler: stored settings wait for the clock check
        if (id == SettingId.RateLevel) RateLevel = value;
        if (id == SettingId.DepthLimitUm) DepthLimitUm = value;
        return ErrorCode.Ok;
    }

    public int EventCount(int log) => 30;
    public uint FirstEventSequence(int log) => 5;

    public int ReadEvent(int log, uint sequence, EventRecord entry)
    {
        entry.Sequence = sequence;
        entry.Kind = 2;
        entry.Code = 100 + (int)sequence;
        return ErrorCode.Ok;
    }

    public Calibration ReadCalibration() => Calibration!;

    public int WriteCalibration(Calibration calibration, out string reason)
    {
        Calls.Add("WriteCalibration");
        reason = null!;
        if (calibration.RateKp > 0.05f) { reason = "rate Kp above 0.05"; return ErrorCode.InvalidCalibration; }
        Calibration = calibration;
        return ErrorCode.Ok;
    }

    public int WriteSerialNumber(string serial)
    {
        Calls.Add("WriteSerialNumber " + serial);
        Calibration!.SerialNumber = serial;
        return ErrorCode.Ok;
    }

    public int RunSelfTest(SelfTestReport report, out int detail)
    {
        detail = 0;
        report.Add(111);
        return ErrorCode.Ok;
    }

    public int AcknowledgeFault(out int detail) { detail = 1; return ErrorCode.Ok; }
    public int ServiceClears;
    public int ServiceClearFault(out int detail) { ServiceClears++; detail = 0; return ErrorCode.Ok; }
    public int Stop(out int detail) { Calls.Add("Stop"); detail = 1; Motor = false; return ErrorCode.Ok; }
    public int Start(out int detail) { Calls.Add("Start"); Starts++; detail = 0; if (StartTurnsMotor) Motor = true; return ErrorCode.Ok; }
    public void Reboot() => Reboots++;

    public bool ReadServiceKey(byte[] key, int offset)
    {
        if (Key == null) return false;
        Array.Copy(Key, 0, key, offset, 32);
        return true;
    }

    public int WriteServiceKey(byte[] key, int offset)
    {
        Calls.Add("WriteServiceKey");
        Key = key.AsSpan(offset, 32).ToArray();
        return ErrorCode.Ok;
    }

    public void LogLinkEvent(int kind, int detail) => Logged.Add((kind, detail));

    /// <summary>Persisted service-lock state (null: RAM only).</summary>
    public LinkGuardStore? Guard;
    public LinkGuardStore ServiceGuard => Guard!;

    /// <summary>Milliseconds the fake claims storage is held (boot self-test).</summary>
    public int BusyMs;
    public int StorageBusyMs => BusyMs;

    /// <summary>When set, an accepted Start makes the motor active (as the firmware's Starting state does).</summary>
    public bool StartTurnsMotor;
}

/// <summary>A seeded stand-in for the hardware RNG (or a dead one that always gives zeros).</summary>
internal sealed class TestRandom : IRandomSource
{
    private readonly Random _random;
    public TestRandom(int seed = 42) => _random = new Random(seed);
    public bool Stuck { get; set; }
    public void Fill(byte[] buffer, int offset, int count)
    {
        if (Stuck) { Array.Clear(buffer, offset, count); return; }
        _random.NextBytes(buffer.AsSpan(offset, count));
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock : IClock
{
    public ulong NowMicros { get; set; } = 1_000_000;
    public void AdvanceMs(double ms) => NowMicros += (ulong)(ms * 1000);
    public void Delay(int micros) => NowMicros += (ulong)Math.Max(0, micros);
}
