namespace MnPen.Hal.Simulator.Platform;

/// <summary>Which processor and runtime the simulated board models around the firmware's control loop.</summary>
public enum PlatformKind
{
    /// <summary>nanoFramework on the ESP32-S3 (docs/simulator.md, "Platform"): 100 Hz RTOS wake-ups with jitter, interpreter tick cost, GC pauses, late managed events.</summary>
    Esp32Nf = 0,

    /// <summary>An ideal processor: the loop wakes exactly on time, a tick takes no time, nothing allocates.</summary>
    Ideal = 1,
}
