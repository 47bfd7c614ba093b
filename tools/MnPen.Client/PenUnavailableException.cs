namespace MnPen.Client;

/// <summary>No pen could be reached, or the link broke; the message says what to check.</summary>
public sealed class PenUnavailableException : Exception
{
    /// <summary>Creates the exception with a message that tells the user what to do.</summary>
    public PenUnavailableException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
