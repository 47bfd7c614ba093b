namespace MnPen.Client.Transports;

/// <summary>A byte link from a host tool to a pen (TCP to a virtual pen, a serial port to a real one).</summary>
public interface ITransport : IDisposable
{
    /// <summary>Where this transport is connected, as a target URI (for messages).</summary>
    string Target { get; }

    /// <summary>Sends all bytes or throws <see cref="PenUnavailableException"/>.</summary>
    void Write(byte[] buffer, int offset, int count);

    /// <summary>
    /// Waits up to timeout for bytes and copies what arrived; returns 0 on timeout.
    /// Throws <see cref="PenUnavailableException"/> when the link is closed or broken.
    /// </summary>
    int Read(byte[] buffer, int offset, int count, TimeSpan timeout);
}
