namespace MnPen.Hal.Simulator;

// What a user (or a bench fixture) does to the pen.
public sealed partial class VirtualBoard
{
    /// <summary>Skin the needles work against (change it any time: the pen moves to another area).</summary>
    public SkinProfile Skin
    {
        get => _skin;
        set
        {
            _skin = value;
            _powertrain.SkinStiffness = _p.Skin.StiffnessFor(value);
            Cam.Profile = value;
        }
    }

    /// <summary>Bench dynamometer: extra torque opposing rotation, N·m (0 = none).</summary>
    public double ExternalLoadTorqueNewtonMetres
    {
        get => _powertrain.ExternalLoad;
        set
        {
            if (value < 0 || double.IsNaN(value)) throw new ArgumentOutOfRangeException(nameof(value), "load torque must be >= 0 N·m");
            _powertrain.ExternalLoad = value;
        }
    }

    /// <summary>Presses a button (its pin goes low).</summary>
    public void Press(SimButton button) => Buttons.Set(button, true, _now);

    /// <summary>Releases a button.</summary>
    public void Release(SimButton button) => Buttons.Set(button, false, _now);

    /// <summary>Whether a button is held.</summary>
    public bool IsPressed(SimButton button) => Buttons.IsPressed(button);

    /// <summary>Seats a cartridge: presence switch closes, its ID memory appears on the 1-Wire bus, its needles load the cam.</summary>
    public void InsertCartridge(SimCartridge cartridge)
    {
        ArgumentNullException.ThrowIfNull(cartridge);
        if (_cartridge != null) throw new InvalidOperationException("a cartridge is already seated; remove it first");
        _cartridge = cartridge;
        CartridgeBus.Device = cartridge.Memory;
        CartridgePresent.Drive(true);
        _powertrain.Needles = cartridge.NeedleCount;
        Cam.NeedleForceScale = cartridge.NeedleForceScale;
        _powertrain.JamTorque = cartridge.Jammed ? cartridge.JamHoldingTorqueNewtonMetres : 0.0;
    }

    /// <summary>Pulls the cartridge out (no-op if none): switch opens, bus goes empty, needle load and any jam go with it.</summary>
    public SimCartridge? RemoveCartridge()
    {
        SimCartridge? c = _cartridge;
        if (c == null) return null;
        _cartridge = null;
        CartridgeBus.Device = null;
        CartridgePresent.Drive(false);
        _powertrain.Needles = 0;
        _powertrain.JamTorque = 0.0;
        return c;
    }

    /// <summary>Jams (or frees) the seated cartridge's carrier; holdingTorque is what the jam resists, N·m.</summary>
    internal void SetJam(bool jammed, double holdingTorque)
    {
        if (_cartridge == null) return;
        _cartridge.Jammed = jammed;
        _cartridge.JamHoldingTorqueNewtonMetres = jammed ? holdingTorque : 0.0;
        _powertrain.JamTorque = jammed ? holdingTorque : 0.0;
    }
}
