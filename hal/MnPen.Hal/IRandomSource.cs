namespace MnPen.Hal
{
    /// <summary>Unpredictable bytes for security nonces: the processor's hardware random number generator on the pen.</summary>
    public interface IRandomSource
    {
        /// <summary>Fills buffer[offset..offset+count) with random bytes; never allocates.</summary>
        void Fill(byte[] buffer, int offset, int count);
    }
}
