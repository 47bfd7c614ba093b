namespace MnPen.Flashing;

/// <summary>A pen on USB: the ESP32-S3's native USB port (nanoff) and, behind the same hub, the bridge port that speaks the pen protocol.</summary>
public sealed record UsbPen(string NanoffPort, string? ProtocolPort);
