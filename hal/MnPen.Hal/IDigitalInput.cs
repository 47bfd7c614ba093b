namespace MnPen.Hal
{
    /// <summary>An input pin with edge counting, read as a logic level.</summary>
    public interface IDigitalInput
    {
        /// <summary>Current pin level (true = high).</summary>
        bool Read();

        /// <summary>Rising edges seen since boot; wraps at 2^32. Callers difference two readings.</summary>
        uint RisingEdges { get; }

        /// <summary>Falling edges seen since boot; wraps at 2^32.</summary>
        uint FallingEdges { get; }
    }
}
