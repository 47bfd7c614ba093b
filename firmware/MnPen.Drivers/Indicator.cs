using MnPen.Hal;

namespace MnPen.Drivers
{
    /// <summary>
    /// LEDs and buzzer driven from tables: each pattern and cue is a list of steps (duration, which LEDs, buzzer on).
    /// Patterns loop; a cue plays once over the pattern. Outputs are written only when they change.
    /// </summary>
    public sealed class Indicator
    {
        /// <summary>Buzzer PWM frequency (the piezo's resonance), hertz.</summary>
        public const int BuzzerHz = 2700;

        private const int G = 1;
        private const int A = 2;
        private const int R = 4;
        private const int B = 8;

        // Step = duration ms << 4 | output bits. Index = (int)IndicatorPattern / (int)IndicatorCue.
        private static readonly int[][] PatternTable =
        {
            new[] { S(1000, 0) },                                                          // Off
            new[] { S(1000, A) },                                                          // Booting
            new[] { S(500, A), S(500, 0) },                                                // Idle
            new[] { S(200, G), S(800, 0) },                                                // Ready
            new[] { S(100, G), S(100, 0) },                                                // Starting
            new[] { S(1000, G) },                                                          // Running
            new[] { S(60, G), S(60, 0) },                                                  // Stopping
            new[] { S(500, G | A), S(500, G) },                                            // RunningDerated
            new[] { S(500, G), S(500, A) },                                                // ReadyWarning
            new[] { S(300, R | B), S(200, R), S(300, R | B), S(200, R), S(300, R | B), S(1700, R) }, // FaultTrip
            new[] { S(120, R | B), S(130, 0), S(250, R), S(250, 0), S(250, R), S(250, 0), S(250, R), S(250, 0), S(250, R), S(250, 0) }, // Lockout
            new[] { S(30, G), S(2970, 0) },                                                // Sleep
        };

        private static readonly int[][] CueTable =
        {
            new[] { S(0, 0) },                                                  // None
            new[] { S(80, B) },                                                 // Start
            new[] { S(60, B), S(60, 0), S(60, B) },                             // Stop
            new[] { S(40, B) },                                                 // LevelUp
            new[] { S(25, B), S(40, 0), S(25, B) },                             // LevelDown
            new[] { S(15, B) },                                                 // DepthStep
            new[] { S(300, B) },                                                // Limit
            new[] { S(100, R | B), S(100, R), S(100, R | B) },                  // Refused
            new[] { S(150, B), S(100, 0), S(150, B), S(100, 0), S(150, B) },    // SessionEnd
        };

        private readonly IDigitalOutput _green;
        private readonly IDigitalOutput _amber;
        private readonly IDigitalOutput _red;
        private readonly IPwmChannel _buzzer;
        private IndicatorPattern _pattern = IndicatorPattern.Off;
        private int _patternStep;
        private ulong _patternStepStart;
        private IndicatorCue _cue = IndicatorCue.None;
        private int _cueStep;
        private ulong _cueStepStart;
        private bool _cueStartPending;
        private int _written = -1;
        private bool _patternRestart = true;

        /// <summary>Creates the indicator over the board's LEDs and buzzer (all off).</summary>
        public Indicator(PenBoard board)
        {
            _green = board.LedGreen;
            _amber = board.LedAmber;
            _red = board.LedRed;
            _buzzer = board.Buzzer;
            if (_buzzer != null)
            {
                _buzzer.FrequencyHz = BuzzerHz;
                _buzzer.Duty = 0f;
            }
            Write(0);
        }

        /// <summary>Pattern now showing.</summary>
        public IndicatorPattern Pattern => _pattern;

        /// <summary>Cue now playing (None when finished).</summary>
        public IndicatorCue Cue => _cue;

        /// <summary>Output bits last written (1 green, 2 amber, 4 red, 8 buzzer).</summary>
        public int Outputs => _written;

        /// <summary>Selects the continuous pattern (restarts it only if it changed).</summary>
        public void SetPattern(IndicatorPattern pattern)
        {
            if (pattern == _pattern) return;
            _pattern = pattern;
            _patternRestart = true;
        }

        /// <summary>Plays a one-shot cue over the pattern (replacing any cue still playing).</summary>
        public void Play(IndicatorCue cue)
        {
            _cue = cue;
            _cueStep = 0;
            _cueStartPending = true;
        }

        /// <summary>Advances the tables to nowMicros and writes the outputs.</summary>
        public void Update(ulong nowMicros)
        {
            ulong nowMs = nowMicros / 1000;
            int[] steps = PatternTable[(int)_pattern];
            if (_patternRestart)
            {
                _patternRestart = false;
                _patternStep = 0;
                _patternStepStart = nowMs;
            }
            while (nowMs - _patternStepStart >= (ulong)Duration(steps[_patternStep]))
            {
                _patternStepStart += (ulong)Duration(steps[_patternStep]);
                _patternStep = (_patternStep + 1) % steps.Length;
            }
            int bits = Bits(steps[_patternStep]);

            if (_cue != IndicatorCue.None)
            {
                int[] cue = CueTable[(int)_cue];
                if (_cueStartPending)
                {
                    _cueStartPending = false;
                    _cueStepStart = nowMs;
                }
                while (_cue != IndicatorCue.None && nowMs - _cueStepStart >= (ulong)Duration(cue[_cueStep]))
                {
                    _cueStepStart += (ulong)Duration(cue[_cueStep]);
                    _cueStep++;
                    if (_cueStep >= cue.Length) _cue = IndicatorCue.None;
                }
                // A cue owns the buzzer and may add LEDs; the pattern's LEDs stay visible.
                if (_cue != IndicatorCue.None) bits = (bits & (G | A | R)) | Bits(cue[_cueStep]);
            }
            Write(bits);
        }

        private void Write(int bits)
        {
            if (bits == _written) return;
            int changed = bits ^ _written;
            _written = bits;
            if ((changed & G) != 0 && _green != null) _green.Write((bits & G) != 0);
            if ((changed & A) != 0 && _amber != null) _amber.Write((bits & A) != 0);
            if ((changed & R) != 0 && _red != null) _red.Write((bits & R) != 0);
            if ((changed & B) != 0 && _buzzer != null)
            {
                _buzzer.Duty = (bits & B) != 0 ? 0.5f : 0f;
                if ((bits & B) != 0 && !_buzzer.Running) _buzzer.Start();
            }
        }

        private static int S(int ms, int bits) => (ms << 4) | bits;

        private static int Duration(int step) => step >> 4;

        private static int Bits(int step) => step & 0xF;
    }
}
