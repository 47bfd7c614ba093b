namespace MnPen.Client;

/// <summary>A frame received from a pen: type, sequence and a copy of its payload.</summary>
public sealed record ReceivedFrame(byte Type, byte Seq, byte[] Payload);
