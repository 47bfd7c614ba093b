using MnPen.Hal;

namespace MnPen.Firmware.Tests;

internal sealed class FakePwm : IPwmChannel
{
    public int FrequencyHz { get; set; } = 20000;
    public float Duty { get; set; }
    public bool Running { get; private set; }
    public void Start() => Running = true;
    public void Stop() => Running = false;
}

internal sealed class FakeAdc : IAdcChannel
{
    public int Value;
    public int ReadRaw() => Value;
    public int MaxCount { get; set; } = 4095;
    public int ReferenceMillivolts { get; set; } = 3300;
}

internal sealed class FakePulseCounter : IPulseCounter
{
    public uint Count { get; set; }
    public ulong NowMicros { get; set; }

    public uint Read(out ulong sampleMicros)
    {
        sampleMicros = NowMicros;
        return Count;
    }
}

internal sealed class FakeInput : IDigitalInput
{
    public bool Level = true;
    public bool Read() => Level;
    public uint RisingEdges => 0;
    public uint FallingEdges => 0;
}
