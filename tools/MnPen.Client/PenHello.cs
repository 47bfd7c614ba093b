namespace MnPen.Client;

/// <summary>What a pen says about itself in the handshake.</summary>
public sealed record PenHello(
    int ProtocolVersion,
    uint SchemaHash,
    int MaxPayload,
    bool ServiceUnlocked,
    bool KeyProvisioned,
    string FirmwareVersion,
    string SerialNumber,
    bool TookOverSession = false,
    bool StoppedLinkMotor = false);
