namespace MnPen.Hal
{
    /// <summary>Counts edges on an input and timestamps the latest one (hall sensor, one pulse per stroke).</summary>
    public interface IPulseCounter
    {
        /// <summary>Pulses counted since boot; wraps at 2^32.</summary>
        uint Count { get; }

        /// <summary>Clock time (microseconds) of the most recent counted pulse; 0 before the first.</summary>
        ulong LastPulseMicros { get; }
    }
}
