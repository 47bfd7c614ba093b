namespace MnPen.Hal.Simulator.Physics;

/// <summary>
/// Ground truth of the needle against the skin surface, from the cam angle and the actuator position (never from a
/// sensor): counts each entry of the needle tips below the surface and keeps the deepest penetration and the time of the
/// last entry. Evaluated at the end of every substep; a substep that passes the bottom of the stroke (θ = π) counts the
/// full protrusion, so the deepest figure is exact rather than sampled.
/// </summary>
public sealed class PenetrationTracker
{
    private bool _inSkin;

    /// <summary>Needle entries into the skin since the board was created (one per stroke that reaches the skin).</summary>
    public long Entries { get; private set; }

    /// <summary>Board time of the latest entry, microseconds (0 = none yet).</summary>
    public ulong LastEntryMicros { get; private set; }

    /// <summary>Deepest penetration since creation or the last reset of this figure, metre.</summary>
    public double DeepestMetres { get; set; }

    /// <summary>Penetration at the end of the last substep, metre (0 out of the skin).</summary>
    public double PenetrationMetres { get; private set; }

    /// <summary>
    /// One substep: penetration at its end (metre, ≤ 0 out of skin), whether it passed the bottom of the stroke, the
    /// protrusion there (metre) and the board time of the substep's end.
    /// </summary>
    public void Observe(double penetrationMetres, bool passedBottom, double protrusionMetres, ulong micros)
    {
        bool inSkin = penetrationMetres > 0.0 || (passedBottom && protrusionMetres > 0.0);
        if (inSkin && !_inSkin)
        {
            Entries++;
            LastEntryMicros = micros;
        }
        _inSkin = penetrationMetres > 0.0;
        double p = penetrationMetres > 0.0 ? penetrationMetres : 0.0;
        if (passedBottom && protrusionMetres > p) p = protrusionMetres;
        PenetrationMetres = penetrationMetres > 0.0 ? penetrationMetres : 0.0;
        if (p > DeepestMetres) DeepestMetres = p;
    }

    /// <summary>No skin under the needles (air, no cartridge): nothing is penetrated.</summary>
    public void OutOfSkin()
    {
        _inSkin = false;
        PenetrationMetres = 0.0;
    }
}
