namespace MnPen.VirtualPen;

/// <summary>
/// One cartridge product: name, type code, needles, rated maximum depth (programmed into its ID memory) and how hard
/// each needle is to push through skin compared with a 30-36 G pen needle.
/// </summary>
public sealed class CartridgeKind
{
    /// <summary>Creates a kind.</summary>
    public CartridgeKind(string name, int typeCode, int needles, double maxDepthMm, double needleForceScale, string description)
    {
        Name = name;
        TypeCode = typeCode;
        Needles = needles;
        MaxDepthMm = maxDepthMm;
        NeedleForceScale = needleForceScale;
        Description = description;
    }

    /// <summary>Name in scenario files and options (e.g. "36-needle").</summary>
    public string Name { get; }

    /// <summary>Type code written to the ID memory.</summary>
    public int TypeCode { get; }

    /// <summary>Needles (or tips) that pierce together.</summary>
    public int Needles { get; }

    /// <summary>Rated maximum depth, mm (the ID memory holds it in 0.05 mm steps).</summary>
    public double MaxDepthMm { get; }

    /// <summary>Per-needle force against a 30-36 G pen needle.</summary>
    public double NeedleForceScale { get; }

    /// <summary>One line for listings.</summary>
    public string Description { get; }
}
