namespace MnPen.Hal
{
    /// <summary>A push-pull output pin, written as a logic level.</summary>
    public interface IDigitalOutput
    {
        /// <summary>Drives the pin high (true) or low (false).</summary>
        void Write(bool high);

        /// <summary>Reads the level actually present on the pin (read-back, for self-test).</summary>
        bool ReadBack();
    }
}
