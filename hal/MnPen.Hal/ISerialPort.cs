namespace MnPen.Hal
{
    /// <summary>A non-blocking byte stream (the pen's USB CDC serial port).</summary>
    public interface ISerialPort
    {
        /// <summary>Bytes waiting to be read.</summary>
        int BytesToRead { get; }

        /// <summary>Copies up to count waiting bytes into buffer without blocking; returns how many were copied.</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Queues count bytes for sending; returns how many were accepted (never blocks the control loop).</summary>
        int Write(byte[] buffer, int offset, int count);
    }
}
