using System.Security.Cryptography;
using System.Text;

namespace MnPen.Client;

/// <summary>
/// The published service key of virtual pens (`--key dev`), derived so anyone can recompute it from docs/protocol.md:
/// SHA-256 of the ASCII <see cref="Label"/>. No real pen is ever provisioned with it.
/// </summary>
public static class DevelopmentKey
{
    /// <summary>The text hashed into the key.</summary>
    public const string Label = "MnPen virtual pen development service key v1";

    /// <summary>The 32-byte key.</summary>
    public static byte[] Bytes => SHA256.HashData(Encoding.ASCII.GetBytes(Label));
}
