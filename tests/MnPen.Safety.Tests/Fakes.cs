using MnPen.Hal;

namespace MnPen.Safety.Tests;

/// <summary>PWM fake that records the duty and whether it was ever non-zero.</summary>
public sealed class FakePwm : IPwmChannel
{
    private float _duty;
    public int FrequencyHz { get; set; } = 20000;
    public float Duty { get => _duty; set => _duty = value < 0 ? 0 : value > 1 ? 1 : value; }
    public bool Running { get; private set; }
    public void Start() => Running = true;
    public void Stop() => Running = false;
}

/// <summary>Output fake; StuckAt forces the read-back level (a shorted or open line).</summary>
public sealed class FakeOutput : IDigitalOutput
{
    public bool Level;
    public bool? StuckAt;
    public int Writes;
    public void Write(bool high) { Level = high; Writes++; }
    public bool ReadBack() => StuckAt ?? Level;
}

public sealed class FakeInput : IDigitalInput
{
    public bool Level = true;
    public bool Read() => Level;
    public uint RisingEdges => 0;
    public uint FallingEdges => 0;
}

public sealed class FakeAdc : IAdcChannel
{
    public int Raw;
    public FakeAdc(int raw) { Raw = raw; }
    public int ReadRaw() => Raw;
    public int MaxCount => 4095;
    public int ReferenceMillivolts => 3300;
}

public sealed class FakeClock : IClock
{
    public ulong Now;
    public ulong NowMicros => Now;
    public void Delay(int micros) => Now += (ulong)Math.Max(0, micros);
}
