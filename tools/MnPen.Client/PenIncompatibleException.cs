namespace MnPen.Client;

/// <summary>The pen answered but speaks a protocol version or schema this tool does not.</summary>
public sealed class PenIncompatibleException : Exception
{
    /// <summary>Creates the exception; hello is what the pen said about itself.</summary>
    public PenIncompatibleException(string message, PenHello hello) : base(message)
    {
        Hello = hello;
    }

    /// <summary>The pen's handshake.</summary>
    public PenHello Hello { get; }
}
