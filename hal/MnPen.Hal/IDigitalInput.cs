namespace MnPen.Hal
{
    /// <summary>An input pin read as a logic level (polled by the tick; no edge events, which allocate on the pen).</summary>
    public interface IDigitalInput
    {
        /// <summary>Current pin level (true = high).</summary>
        bool Read();
    }
}
