namespace MnPen.Hal.Simulator.Platform;

/// <summary>
/// The processor and runtime around the firmware's loop, with a source for every figure (docs/simulator.md, "Platform").
/// <see cref="Esp32Nanoframework"/> models nanoFramework on the pen's ESP32-S3; <see cref="Ideal"/> a processor that
/// wakes exactly on time and spends no time in a tick.
/// </summary>
public sealed class PlatformParameters
{
    /// <summary>Which platform these figures describe.</summary>
    public PlatformKind Kind { get; set; } = PlatformKind.Esp32Nf;

    /// <summary>
    /// RTOS tick, microseconds (0 = wake at any microsecond). nf-interpreter sets no CONFIG_FREERTOS_HZ, so ESP-IDF's
    /// default 100 Hz applies; the CLR idles in Events_WaitForEvents, which loops on vTaskDelay(1)
    /// (nf-interpreter targets/ESP32/_nanoCLR/targetPAL_Events.cpp), so a sleeping managed thread, a timer or an
    /// edge event is seen on a 10 ms tick (cpu_gpio.cpp: "minimum 1 freeRTOS tick(10ms)").
    /// </summary>
    public int RtosTickMicros { get; set; } = 10_000;

    /// <summary>Least wake-up latency after the RTOS tick (vTaskDelay return, CLR thread switch), microseconds. Design assumption until measured on a pen.</summary>
    public int WakeLatencyMinMicros { get; set; } = 20;

    /// <summary>Largest ordinary wake-up latency after the RTOS tick, microseconds (uniform between min and this). Design assumption until measured on a pen.</summary>
    public int WakeLatencyMaxMicros { get; set; } = 500;

    /// <summary>Chance per wake-up that another task (USB/serial driver, esp_timer task, flash cache refill) holds the core longer. Design assumption.</summary>
    public double LateWakeProbability { get; set; } = 0.01;

    /// <summary>Extra latency of such a late wake-up, up to this, microseconds (uniform). Design assumption: 2 ms.</summary>
    public int LateWakeMaxMicros { get; set; } = 2000;

    /// <summary>
    /// Interpreter cost of PenFirmware.Tick() on the pen with the motor stopped, microseconds: 40 µs measured on the
    /// nanoFramework interpreter on the x86 host (nanoclr) × 50 for the ESP32-S3 at 240 MHz (nanoFramework Home#1013:
    /// a Toggle() loop at 6.2 µs on an ESP32 against 0.12 µs on the host interpreter).
    /// </summary>
    public int TickCostIdleMicros { get; set; } = 2000;

    /// <summary>The same with the rate loop running, microseconds: 51 µs × 50.</summary>
    public int TickCostRunningMicros { get; set; } = 2550;

    /// <summary>
    /// ESP32 HAL native calls per tick (ADC reads, GPIO reads and writes, PWM duty, pulse counter), each an interpreted
    /// call into native code: about 20 per tick, 21 with the loop current's second ADC read.
    /// </summary>
    public int NativeCallsPerTick { get; set; } = 21;

    /// <summary>Cost of one such call, microseconds: interpreted call and argument marshalling (≈ 0.3 µs × 50) plus the native work (an ADC one-shot read is tens of µs). Estimate.</summary>
    public int NativeCallMicros { get; set; } = 30;

    /// <summary>Tick-to-tick variation of the tick cost, fraction (uniform ±): branches taken, cache misses. Estimate.</summary>
    public double TickCostVariation { get; set; } = 0.1;

    /// <summary>
    /// Bytes the device path allocates per tick: a GpioPin.Read() costs about 220 B and a GpioPulseCounter.Read() about
    /// 165 B on the x86 interpreter (measured with nanoclr), half that on the ESP32 (12-byte heap blocks instead of 24):
    /// the firmware makes eight pin reads and one counter read per tick, Ready and Running alike (counted on the virtual
    /// pen by DeviceAllocationTests): 8 × 110 + 82 ≈ 963 B; rounded up.
    /// </summary>
    public int AllocatedBytesPerTick { get; set; } = 1000;

    /// <summary>Managed heap free for garbage between collections, bytes: an ESP32-S3 image has about 100-200 KB free (nanoclr README); the firmware's live set takes part.</summary>
    public int FreeHeapBytes { get; set; } = 80_000;

    /// <summary>
    /// Shortest GC pause, microseconds. Measured: GC.Run(false) over a heap of 2,000 live objects takes 18-28 µs on the
    /// x86 interpreter (tools/NfMeasurements/GcPause), × 100 for native mark-and-sweep on the ESP32-S3 (slower core and
    /// PSRAM cache misses; the interpreter's 50 covers interpreted IL only) ≈ 2 ms.
    /// </summary>
    public int GcPauseMinMicros { get; set; } = 2000;

    /// <summary>Longest GC pause, microseconds: 4× the scaled measurement, for a larger live set and heap compaction (23-38 µs on the host). Design margin.</summary>
    public int GcPauseMaxMicros { get; set; } = 8000;

    /// <summary>
    /// Latency from a managed event becoming ready to its handler running, microseconds: the CLR dispatches queued
    /// events one at a time on its event thread, each dispatch allocating its event arguments. Estimate: 50 µs × the
    /// interpreter factor on a few hundred IL instructions.
    /// </summary>
    public int EventDispatchMicros { get; set; } = 300;

    /// <summary>UART-timed 1-Wire (nanoFramework OneWireHost): one byte, microseconds (8 slots of a 115200-baud UART exchange plus the native call ≈ 0.7 ms).</summary>
    public int OneWireByteMicros { get; set; } = 700;

    /// <summary>1-Wire reset and presence detect at 9600 baud, microseconds (≈ 1 ms).</summary>
    public int OneWireResetMicros { get; set; } = 1000;

    /// <summary>nanoFramework on the ESP32-S3 (the default platform).</summary>
    public static PlatformParameters Esp32Nanoframework() => new();

    /// <summary>An ideal processor: exact wake-ups, no tick cost, no allocation, no event latency, instant 1-Wire.</summary>
    public static PlatformParameters IdealProcessor() => new()
    {
        Kind = PlatformKind.Ideal,
        RtosTickMicros = 0,
        WakeLatencyMinMicros = 0,
        WakeLatencyMaxMicros = 0,
        LateWakeProbability = 0,
        LateWakeMaxMicros = 0,
        TickCostIdleMicros = 0,
        TickCostRunningMicros = 0,
        NativeCallsPerTick = 0,
        NativeCallMicros = 0,
        TickCostVariation = 0,
        AllocatedBytesPerTick = 0,
        GcPauseMinMicros = 0,
        GcPauseMaxMicros = 0,
        EventDispatchMicros = 0,
        OneWireByteMicros = 0,
        OneWireResetMicros = 0,
    };

    /// <summary>The parameters of a platform.</summary>
    public static PlatformParameters For(PlatformKind kind) => kind == PlatformKind.Ideal ? IdealProcessor() : Esp32Nanoframework();

    /// <summary>Copy of these parameters.</summary>
    public PlatformParameters Clone() => (PlatformParameters)MemberwiseClone();
}
