using System.Security.Cryptography;
using System.Text;

namespace MnPen.VirtualPen.Serve;

/// <summary>
/// The service key of virtual pens: published on purpose (docs/protocol.md) so tools can be tested against them.
/// Real pens get a random key each at the factory; nothing provisions this one on hardware.
/// </summary>
public static class DevelopmentServiceKey
{
    /// <summary>SHA-256 of a fixed label: 32 bytes, the same for every virtual pen.</summary>
    public static byte[] Bytes => SHA256.HashData(Encoding.ASCII.GetBytes("MnPen virtual pen development service key v1"));
}
