using MnPen.Hal.Simulator.Cartridge;

namespace MnPen.Hal.Simulator;

/// <summary>A physical needle cartridge: needle count, rated maximum depth, its 1-Wire ID memory and whether it is jammed.</summary>
public sealed class SimCartridge
{
    /// <summary>Creates a cartridge; memory null = a cartridge whose ID chip does not answer.</summary>
    public SimCartridge(int needleCount, double maxDepthMm, Ds2431Device? memory)
    {
        if (needleCount < 1 || needleCount > 64) throw new ArgumentOutOfRangeException(nameof(needleCount), "needle count must be 1..64");
        if (maxDepthMm <= 0 || maxDepthMm > 3.0) throw new ArgumentOutOfRangeException(nameof(maxDepthMm), "max depth must be in (0, 3.0] mm");
        NeedleCount = needleCount;
        MaxDepthMm = maxDepthMm;
        Memory = memory;
    }

    /// <summary>Needles in the cartridge (they all load the cam together).</summary>
    public int NeedleCount { get; }

    /// <summary>Rated maximum protrusion, mm (printed on the cartridge and stored in its ID memory).</summary>
    public double MaxDepthMm { get; }

    /// <summary>The ID memory on the cartridge's 1-Wire bus, or null if it has none / it is dead.</summary>
    public Ds2431Device? Memory { get; }

    /// <summary>Puncture and friction force of each needle against a 30-36 G pen needle (1; nano tips are far smaller).</summary>
    public double NeedleForceScale { get; init; } = 1.0;

    /// <summary>True while the needle carrier is mechanically jammed (cartridge-jam fault).</summary>
    public bool Jammed { get; internal set; }

    /// <summary>Torque the jam holds against before the carrier breaks free, N·m.</summary>
    public double JamHoldingTorqueNewtonMetres { get; internal set; }

    /// <summary>A cartridge with an erased (all 0xFF) ID memory and the given serial number.</summary>
    public static SimCartridge Blank(int needleCount, double maxDepthMm, long serial)
    {
        var image = new byte[Ds2431Device.DataSize];
        Array.Fill(image, (byte)0xFF);
        return new SimCartridge(needleCount, maxDepthMm, new Ds2431Device(Ds2431Device.CreateRomId(serial), image));
    }
}
