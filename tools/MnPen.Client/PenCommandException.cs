using MnPen.Protocol;

namespace MnPen.Client;

/// <summary>The pen refused a request with an error code (and perhaps a reason).</summary>
public sealed class PenCommandException : Exception
{
    /// <summary>Creates the exception from an Error frame.</summary>
    public PenCommandException(byte requestType, int code, int detail, string? reason)
        : base(Describe(requestType, code, detail, reason))
    {
        RequestType = requestType;
        Code = code;
        Detail = detail;
        Reason = reason;
    }

    /// <summary>Request that was refused.</summary>
    public byte RequestType { get; }

    /// <summary>ErrorCode value.</summary>
    public int Code { get; }

    /// <summary>Error-specific detail (CommandResult number, lockout ms, ...).</summary>
    public int Detail { get; }

    /// <summary>Reason text sent by the pen, if any.</summary>
    public string? Reason { get; }

    private static string Describe(byte requestType, int code, int detail, string? reason)
    {
        string request = ProtocolSchema.Find(requestType)?.Name ?? $"0x{requestType:X2}";
        string text = $"the pen refused {request}: {ErrorText.Name(code)}";
        if (code == ErrorCode.Refused) text += $" ({CommandResultNames.Name(detail)})";
        if (code == ErrorCode.RateLimited || (code == ErrorCode.AuthFailed && detail > 0))
            text += $" (locked out for {Math.Ceiling(detail / 1000.0)} s)";
        if (!string.IsNullOrEmpty(reason)) text += $": {reason}";
        return text + ". " + ErrorText.Remedy(code);
    }
}
