using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Cartridge;
using MnPen.Storage;

namespace MnPen.VirtualPen;

/// <summary>
/// The cartridges a virtual pen can be given, by name (scenario files, `mnpen sim`). Images are built with the
/// storage code's CartridgeImage so they are exactly what a factory would program.
/// </summary>
public static class CartridgeKinds
{
    /// <summary>A new 16-needle cartridge rated to 2.5 mm, never used.</summary>
    public const string New = "new";

    /// <summary>Same type, already run by another pen (its usage record is written).</summary>
    public const string Used = "used";

    /// <summary>A new 16-needle cartridge rated to only 1.0 mm.</summary>
    public const string Shallow = "shallow";

    /// <summary>ID memory erased (all 0xFF): not a genuine cartridge.</summary>
    public const string Blank = "blank";

    /// <summary>ID memory does not answer on the 1-Wire bus.</summary>
    public const string Dead = "dead";

    /// <summary>Every kind, in the order they are listed to users.</summary>
    public static IReadOnlyList<string> Names { get; } = new[] { New, Used, Shallow, Blank, Dead };

    /// <summary>Needles in the reference cartridge.</summary>
    public const int NeedleCount = 16;

    /// <summary>Cartridge type code written to the images.</summary>
    public const int TypeCode = 1;

    /// <summary>Manufacture day written to the images (2026-01-01, days since 2000-01-01).</summary>
    public const int ManufacturedDay = 9497;

    /// <summary>Expiry day written to the images (2030-12-31).</summary>
    public const int ExpiryDay = 11322;

    /// <summary>Builds a cartridge of the named kind; serial makes its 1-Wire ROM id unique. Throws ArgumentException for an unknown kind.</summary>
    public static SimCartridge Build(string kind, long serial)
    {
        switch (kind.ToLowerInvariant())
        {
            case New:
                return Programmed(serial, 2.5, used: false);
            case Shallow:
                return Programmed(serial, 1.0, used: false);
            case Used:
                return Programmed(serial, 2.5, used: true);
            case Blank:
                return SimCartridge.Blank(NeedleCount, 2.5, serial);
            case Dead:
                return new SimCartridge(NeedleCount, 2.5, null);
            default:
                throw new ArgumentException("unknown cartridge kind '" + kind + "'; use one of: " + string.Join(", ", Names), nameof(kind));
        }
    }

    private static SimCartridge Programmed(long serial, double maxDepthMm, bool used)
    {
        int steps = (int)Math.Round(maxDepthMm / 0.05);
        byte[] image = CartridgeImage.CreateNew(TypeCode, NeedleCount, steps, (uint)(1000 + serial), ExpiryDay, ManufacturedDay);
        if (used)
        {
            var decoded = new CartridgeImage();
            decoded.Decode(image);
            decoded.FirstUseSeconds = 820_000_000;   // 2025-12-25
            decoded.RunSeconds = 600;
            decoded.PenId = 0x0BADC0DE;              // some other pen
            decoded.EncodeUsage(1, image, CartridgeImage.UsageAddress);
        }
        return new SimCartridge(NeedleCount, maxDepthMm, new Ds2431Device(Ds2431Device.CreateRomId(serial), image));
    }
}
