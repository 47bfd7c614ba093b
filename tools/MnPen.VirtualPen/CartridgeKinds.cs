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

    /// <summary>
    /// The product range: 1 to 36 needles and nano tips, the rated maximum depth falling as the needle count rises.
    /// Depths follow the usual commercial cartridge guidance (single and few-needle cartridges to 2.5 mm for scars;
    /// 24 and 36 needles for wide, shallower work; nano tips for the epidermis only, to 0.5 mm). The pen runs the
    /// 24- and 36-needle kinds only to 0.5 and 0.3 mm, where its stall push starts them from rest in tough skin; deeper
    /// it refuses with CartridgeTooHeavy (docs/cartridge.md, "Starts from rest over the population"). Nano tips are micro-fabricated pyramids: about 0.15 of a pen needle's
    /// puncture force (0.02-0.03 N per tip, Olatunji et al., J. Pharm. Sci. 102 (2013) 1209, against 0.15-0.3 N).
    /// </summary>
    public static IReadOnlyList<CartridgeKind> Range { get; } = new[]
    {
        new CartridgeKind("nano", 20, 49, 0.5, 0.15, "7 x 7 silicon nano tips, epidermis only"),
        new CartridgeKind("1-needle", 21, 1, 2.5, 1.0, "single needle, scars and lines"),
        new CartridgeKind("3-needle", 22, 3, 2.5, 1.0, "3 needles"),
        new CartridgeKind("5-needle", 23, 5, 2.5, 1.0, "5 needles"),
        new CartridgeKind("7-needle", 24, 7, 2.5, 1.0, "7 needles"),
        new CartridgeKind("9-needle", 25, 9, 2.5, 1.0, "9 needles"),
        new CartridgeKind("12-needle", 26, 12, 2.5, 1.0, "12 needles, the usual all-round cartridge"),
        new CartridgeKind("16-needle", 1, 16, 2.5, 1.0, "16 needles (the reference cartridge, same as 'new')"),
        new CartridgeKind("24-needle", 27, 24, 1.5, 1.0, "24 needles, wide areas"),
        new CartridgeKind("36-needle", 28, 36, 1.0, 1.0, "36 needles, the heaviest supported cartridge"),
        // Not a product: a cartridge whose memory claims more than the drive can push (a foreign or mis-programmed one).
        new CartridgeKind("36-needle-2.5mm", 29, 36, 2.5, 1.0, "36 needles claiming 2.5 mm: the pen refuses depths its drive cannot push"),
    };

    /// <summary>Every kind, in the order they are listed to users.</summary>
    public static IReadOnlyList<string> Names { get; } =
        new[] { New, Used, Shallow, Blank, Dead }.Concat(Range.Select(k => k.Name)).ToArray();

    /// <summary>The range entry with that name (case-insensitive), or null.</summary>
    public static CartridgeKind? FindKind(string name)
    {
        foreach (var k in Range)
            if (string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase)) return k;
        return null;
    }

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
                var k = FindKind(kind);
                if (k != null) return Programmed(serial, k);
                throw new ArgumentException("unknown cartridge kind '" + kind + "'; use one of: " + string.Join(", ", Names), nameof(kind));
        }
    }

    private static SimCartridge Programmed(long serial, CartridgeKind k)
    {
        int steps = (int)Math.Round(k.MaxDepthMm / 0.05);
        // Nano tips state their own (smaller) puncture force in the toughest skin (3 cN); pen needles leave the byte erased
        // (the pen assumes a pen needle's, SafetyLimits.PenNeedlePunctureNewtons).
        int centinewtons = k.NeedleForceScale < 1.0 ? (int)Math.Round(k.NeedleForceScale * new Hal.Simulator.Parameters.SkinParameters().ToughPunctureNewtons * 100.0) : 0;
        byte[] image = CartridgeImage.CreateNew(k.TypeCode, k.Needles, steps, (uint)(1000 + serial), ExpiryDay, ManufacturedDay, centinewtons);
        return new SimCartridge(k.Needles, k.MaxDepthMm, new Ds2431Device(Ds2431Device.CreateRomId(serial), image)) { NeedleForceScale = k.NeedleForceScale };
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
