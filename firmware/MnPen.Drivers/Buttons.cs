using MnPen.Hal;

namespace MnPen.Drivers
{
    /// <summary>
    /// The five active-low buttons with debounce (a level must hold DebounceMicros to count), press/release edges,
    /// long-press detection and auto-repeat while held. Events are valid for the tick in which Update ran.
    /// </summary>
    public sealed class Buttons
    {
        /// <summary>Number of buttons.</summary>
        public const int Count = 5;

        private readonly IDigitalInput[] _pins = new IDigitalInput[Count];
        private readonly bool[] _stable = new bool[Count];
        private readonly bool[] _raw = new bool[Count];
        private readonly ulong[] _rawSince = new ulong[Count];
        private readonly ulong[] _pressedAt = new ulong[Count];
        private readonly ulong[] _nextRepeat = new ulong[Count];
        private readonly bool[] _pressed = new bool[Count];
        private readonly bool[] _released = new bool[Count];
        private readonly bool[] _long = new bool[Count];
        private readonly bool[] _longSent = new bool[Count];
        private readonly bool[] _repeat = new bool[Count];

        /// <summary>Creates the button set over the board's five button inputs (active low).</summary>
        public Buttons(PenBoard board)
        {
            _pins[(int)ButtonId.Start] = board.ButtonStartN;
            _pins[(int)ButtonId.RateUp] = board.ButtonRateUpN;
            _pins[(int)ButtonId.RateDown] = board.ButtonRateDownN;
            _pins[(int)ButtonId.DepthUp] = board.ButtonDepthUpN;
            _pins[(int)ButtonId.DepthDown] = board.ButtonDepthDownN;
        }

        /// <summary>A level must be stable this long to count, microseconds.</summary>
        public int DebounceMicros { get; set; } = 20000;

        /// <summary>Held this long is a long press, microseconds.</summary>
        public int LongPressMicros { get; set; } = 1000000;

        /// <summary>First auto-repeat after this long held, then every RepeatMicros.</summary>
        public int RepeatDelayMicros { get; set; } = 500000;

        /// <summary>Auto-repeat interval while held, microseconds.</summary>
        public int RepeatMicros { get; set; } = 150000;

        /// <summary>True if any button edge or hold happened in the last Update (user activity).</summary>
        public bool AnyActivity { get; private set; }

        /// <summary>Samples every button at nowMicros and computes this tick's events.</summary>
        public void Update(ulong nowMicros)
        {
            bool activity = false;
            for (int i = 0; i < Count; i++)
            {
                _pressed[i] = false;
                _released[i] = false;
                _long[i] = false;
                _repeat[i] = false;
                IDigitalInput pin = _pins[i];
                if (pin == null) continue;
                bool down = !pin.Read();
                if (down != _raw[i])
                {
                    _raw[i] = down;
                    _rawSince[i] = nowMicros;
                }
                if (_raw[i] != _stable[i] && nowMicros - _rawSince[i] >= (ulong)DebounceMicros)
                {
                    _stable[i] = _raw[i];
                    activity = true;
                    if (_stable[i])
                    {
                        _pressed[i] = true;
                        _pressedAt[i] = nowMicros;
                        _nextRepeat[i] = nowMicros + (ulong)RepeatDelayMicros;
                        _longSent[i] = false;
                    }
                    else
                    {
                        _released[i] = true;
                    }
                }
                if (_stable[i])
                {
                    activity = true;
                    if (!_longSent[i] && nowMicros - _pressedAt[i] >= (ulong)LongPressMicros)
                    {
                        _long[i] = true;
                        _longSent[i] = true;
                    }
                    if (nowMicros >= _nextRepeat[i])
                    {
                        _repeat[i] = true;
                        _nextRepeat[i] = nowMicros + (ulong)RepeatMicros;
                    }
                }
            }
            AnyActivity = activity;
        }

        /// <summary>Debounced level: the button is held down.</summary>
        public bool IsDown(ButtonId id) => _stable[(int)id];

        /// <summary>The button went down this tick (debounced).</summary>
        public bool Pressed(ButtonId id) => _pressed[(int)id];

        /// <summary>The button came up this tick (debounced).</summary>
        public bool Released(ButtonId id) => _released[(int)id];

        /// <summary>The button has been held for LongPressMicros as of this tick (reported once per press).</summary>
        public bool LongPressed(ButtonId id) => _long[(int)id];

        /// <summary>Auto-repeat step while held (after RepeatDelayMicros).</summary>
        public bool Repeated(ButtonId id) => _repeat[(int)id];
    }
}
