namespace MnPen.Hal
{
    /// <summary>
    /// Hardware edge counter (hall sensor, one pulse per stroke). A read latches the count and the clock time together
    /// in native code (the ESP32's PCNT and esp_timer in one native call), so stroke rate comes from count deltas over
    /// hardware-timed windows, never from a managed handler's clock.
    /// </summary>
    public interface IPulseCounter
    {
        /// <summary>Pulses counted since boot (wraps at 2^32); sampleMicros = clock time at which that count was latched.</summary>
        uint Read(out ulong sampleMicros);
    }
}
