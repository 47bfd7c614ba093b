using MnPen.Hal.Simulator.Devices;

namespace MnPen.Hal.Simulator.Physics;

/// <summary>
/// The five active-low push buttons. Optional contact bounce: for the bounce time after each press or release the
/// pin reads a random level each substep, then settles (what a debouncer must ride out).
/// </summary>
public sealed class Buttons
{
    private readonly SimDigitalInput[] _pins = new SimDigitalInput[5];
    private readonly bool[] _pressed = new bool[5];
    private readonly ulong[] _bounceUntil = new ulong[5];
    private readonly ulong _bounceMicros;
    private readonly SimRandom _noise;
    private int _bouncing;

    /// <summary>Creates released buttons (pins high through their pull-ups).</summary>
    public Buttons(int bounceMicros, SimRandom noise)
    {
        for (int i = 0; i < _pins.Length; i++) _pins[i] = new SimDigitalInput(true);
        _bounceMicros = bounceMicros > 0 ? (ulong)bounceMicros : 0UL;
        _noise = noise;
    }

    /// <summary>The pin of a button.</summary>
    public SimDigitalInput Pin(SimButton button) => _pins[(int)button];

    /// <summary>Whether a button is held down.</summary>
    public bool IsPressed(SimButton button) => _pressed[(int)button];

    /// <summary>Presses (true) or releases (false) a button at board time now.</summary>
    public void Set(SimButton button, bool pressed, ulong now)
    {
        int i = (int)button;
        if (_pressed[i] == pressed) return;
        _pressed[i] = pressed;
        _pins[i].Drive(!pressed);
        if (_bounceMicros > 0)
        {
            _bounceUntil[i] = now + _bounceMicros;
            _bouncing |= 1 << i;
        }
    }

    /// <summary>True while some contact is bouncing (Step has work to do).</summary>
    public bool Bouncing => _bouncing != 0;

    /// <summary>Per-substep update; does nothing unless a contact is bouncing.</summary>
    public void Step(ulong now)
    {
        if (_bouncing == 0) return;
        for (int i = 0; i < _pins.Length; i++)
        {
            if ((_bouncing & (1 << i)) == 0) continue;
            if (now >= _bounceUntil[i])
            {
                _pins[i].Drive(!_pressed[i]);
                _bouncing &= ~(1 << i);
            }
            else
            {
                _pins[i].Drive((_noise.NextULong() & 1UL) != 0);
            }
        }
    }
}
