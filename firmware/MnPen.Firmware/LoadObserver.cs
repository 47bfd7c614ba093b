namespace MnPen.Firmware
{
    /// <summary>
    /// The motor's load current from the current read each tick: the current's torque less the rotor's own acceleration
    /// J·ω'/kₜ, both low-passed over FilterSeconds, with ω the back-EMF speed at the read, (d·V − I·R)/kₑ. A disturbance
    /// observer in the sense of motor drives: what it returns is the current the load (skin, needles, friction) needs,
    /// which the rate loop's feed-forward adds as I·R. Allocation-free.
    /// </summary>
    public sealed class LoadObserver
    {
        private float _filteredAmps;
        private float _filteredOmega;
        private float _amps;
        private float _driveVolts;
        private float _lastSetpoint;
        private float _sinceFall = 1000f;
        private float _seenSeconds;
        private float _slowSeconds;
        private bool _seen;
        private bool _stale;
        private float _lastRead = float.NaN;
        private int _repeats;
        // The filters as they were before the latest run of identical reads began (restored once the run looks stuck).
        private float _keptAmps, _keptOmega, _keptLoad;
        private bool _keptSeen;

        /// <summary>
        /// Filter time constant, seconds. One read per 10 ms tick of a current that pulses at the stroke rate: the read's
        /// phase walks once round a stroke in ~10 reads at 70-130 /s, so the filter spans about that; 0.04-0.35 s measured
        /// on the rate suite, 0.12 s best (shorter lets the reads' phase noise into the duty, longer leaves load steps
        /// untaken for longer).
        /// </summary>
        public float FilterSeconds { get; set; } = 0.12f;

        /// <summary>
        /// Filter time constant while the pen is starting (Starting), seconds. A start has no running load to keep: both
        /// filters begin at rest, so with FilterSeconds the load came in a filter time late and a tough-skin start held 2-3 %
        /// low for 300 ms (bench rate tough/full/L1 start, steady-state error 1.1-1.4 %). 0.04 s measured best of 0.03-0.08 s
        /// on the rate suite and over 50 pens (`mnpen bench --suite rate --pens 50`; docs/control.md "Soft start").
        /// </summary>
        public float StartFilterSeconds { get; set; } = 0.04f;

        /// <summary>
        /// A read equal to the one before this many times in a row is a stuck converter: the run is taken back out of the
        /// filters and further equal reads are left out (0 = never). A live converter's 1-count noise repeats with p ≈ 0.28,
        /// so 4 repeats (p ≈ 0.006 per read; 2 dropped too many good reads in air at 50 /s) are 40 ms, against the
        /// supervisor's 20 (SafetyLimits.CurrentFrozenTicks).
        /// </summary>
        public int RepeatedReadsHeld { get; set; } = 4;

        /// <summary>True while the pen is starting (the rate loop's soft start and a while after): StartFilterSeconds applies.</summary>
        public bool Starting { get; set; }

        /// <summary>
        /// Reads below this are not load, amps: the IPROPI mirror only sources, so a braking rotor's reverse current reads
        /// 0 (the supervisor's plausible-current floor, SafetyLimits.CurrentPlausibleMinAmps 0.02 A).
        /// </summary>
        public float MinAmps { get; set; } = 0.02f;

        /// <summary>
        /// Inertia on the motor shaft, kg·m²: rotor 1.0 g·cm² + cam, carrier and coupling 0.5 g·cm² (the motor and
        /// mechanism figures of docs/simulator.md).
        /// </summary>
        public float Inertia { get; set; } = 1.5e-7f;

        /// <summary>
        /// Reads with the back-EMF speed below this share of the set-point are a rotor stalling on a puncture (the current
        /// then is the torque to break through, not the running load: taking it overshot the soft start by 15-20 % in tough
        /// skin); 0.5 measured best of 0.3-0.7 on the rate suite.
        /// </summary>
        public float StallShare { get; set; } = 0.5f;

        /// <summary>
        /// A rotor below StallShare for longer than this is not stalling on one puncture but running slow under a load the
        /// feed-forward does not have yet: its reads are then taken, seconds. Left out for good, they never were: the load
        /// stayed 0, the duty too low, the rotor slow, and a 16-needle cartridge at 2.5 mm in tough skin on a sagging pack
        /// crawled at 17-20 strokes/s for 1.4 s of a 50 /s start (pen 25 of seed 1). A puncture holds the rotor back for
        /// part of one stroke (20 ms at 50 /s); 0.1 s is five strokes.
        /// </summary>
        public float StallHoldMaxSeconds { get; set; } = 0.1f;

        /// <summary>
        /// Time constant of an RC the current passes before it is read, seconds (0 = read at the IPROPI node itself). With
        /// the averaging channel (AveragedCurrentSensor.FilterSeconds, 15 ms) the drive voltage d·V is passed through the
        /// same first-order lag before the back-EMF speed (d·V − I·R)/kₑ is formed, so both terms describe the same instant.
        /// </summary>
        public float InputFilterSeconds { get; set; }

        /// <summary>
        /// Reads are left out while the set-point falls and for this long after, seconds (0 = never). A down-step brakes the
        /// rotor: its reverse current reads 0 on the IPROPI mirror, which the averaged input then holds for a few of its time
        /// constants, and the back-EMF speed formed from it falls too fast, its "deceleration" taken for load (in air the
        /// load read rose from 0.058 to 0.083 A on a 70 → 50 /s step and the down-steps settled in 155-191 ms). With the
        /// averaged input the firmware sets 0.08 s (0.04, 0.06, 0.08, 0.1 measured on the rate suite: 0.06-0.08 pass every
        /// down-step; the fast input leaves out the reads under MinAmps instead).
        /// </summary>
        public float BrakeHoldSeconds { get; set; }

        /// <summary>
        /// Load current the filters start from at the first usable read after Reset, amps (0 = from rest): the rate loop
        /// passes the pen's air-table current at the set-point through the soft start, the least the running load can be.
        /// From rest the load read crept up over ~300 ms after the start (the rotor 4-6 % slow meanwhile, 0.002 duty of
        /// trim wound on it); from the air current it only has the skin's share to take up.
        /// </summary>
        public float StartAmps { get; set; }

        /// <summary>Load current, amps (0 until a usable read).</summary>
        public float Amps => _amps;

        /// <summary>Time the filters have taken usable reads since Reset, seconds (capped at 1000).</summary>
        public float SeenSeconds => _seenSeconds;

        /// <summary>True once a usable read has been taken since Reset.</summary>
        public bool Seen => _seen;

        /// <summary>The rotor is at rest: current and speed are 0, where both filters start.</summary>
        public void Reset()
        {
            _filteredAmps = 0f;
            _filteredOmega = 0f;
            _amps = 0f;
            _driveVolts = 0f;
            _lastSetpoint = 0f;
            _sinceFall = 1000f;
            _seenSeconds = 0f;
            _slowSeconds = 0f;
            StartAmps = 0f;
            _seen = false;
            _stale = false;
            _lastRead = float.NaN;
            _repeats = 0;
            _keptAmps = 0f;
            _keptOmega = 0f;
            _keptLoad = 0f;
            _keptSeen = false;
        }

        /// <summary>
        /// One read: current (amps), the duty the bridge applied when it was read (the last tick's), the supply (volts),
        /// the path resistance (ohm) and back-EMF constant (V·s/rad), the set-point (rad/s). usable = false for a read that
        /// carries a duty the loop did not choose (the supervisor's stall push).
        /// </summary>
        public void Update(float dt, float amps, float appliedDuty, float volts, float ohms, float backEmf, float setpointOmega, bool usable)
        {
            if (float.IsNaN(amps) || volts <= 1f || backEmf <= 0f) return;
            // A read under the floor (a braking rotor), a pushed tick or a stalling rotor says nothing of the running
            // load: the filters hold, and the speed filter restarts at the next good read so the gap's speed change is not
            // taken for acceleration.
            float drive = appliedDuty * volts;
            if (InputFilterSeconds > 0f)
            {
                // Backward-Euler step of the RC the current came through: follows every tick, usable or not.
                _driveVolts += (drive - _driveVolts) * dt / (InputFilterSeconds + dt);
                drive = _driveVolts;
            }
            float omega = (drive - amps * ohms) / backEmf;
            if (setpointOmega < _lastSetpoint) _sinceFall = 0f;
            else if (_sinceFall < 1000f) _sinceFall += dt;
            _lastSetpoint = setpointOmega;
            if (_sinceFall < BrakeHoldSeconds) usable = false;
            // A live converter's count moves by its noise; a run of the same reading is a stuck sense, not load to take up
            // (taken, a sense stuck at 0.6 A raced the cam past the overspeed ceiling before the supervisor's frozen check).
            _repeats = amps == _lastRead ? _repeats + 1 : 0;
            _lastRead = amps;
            if (_repeats == 0)
            {
                _keptAmps = _filteredAmps;
                _keptOmega = _filteredOmega;
                _keptLoad = _amps;
                _keptSeen = _seen;
            }
            else if (RepeatedReadsHeld > 0 && _repeats >= RepeatedReadsHeld)
            {
                if (_repeats == RepeatedReadsHeld)
                {
                    _filteredAmps = _keptAmps;
                    _filteredOmega = _keptOmega;
                    _amps = _keptLoad;
                    _seen = _keptSeen;
                }
                usable = false;
            }
            bool slow = StallShare > 0f && omega < StallShare * setpointOmega;
            if (!slow) _slowSeconds = 0f;
            else if (_slowSeconds < 1000f) _slowSeconds += dt;
            if (slow && StallHoldMaxSeconds > 0f && _slowSeconds > StallHoldMaxSeconds) slow = false;
            if (!usable || amps < MinAmps || slow)
            {
                _stale = true;
                return;
            }
            if (_stale)
            {
                _stale = false;
                // Both filters restart from the load they last gave. Restarting only the speed filter dropped the
                // acceleration term while the current filter still held the current that had accelerated the rotor:
                // after a run of equal reads rolled the filters back into a level change the load read 0.079 A for
                // 0.058 and the cam ran 2 % past 70 /s in air (LoadObserverTests).
                _filteredOmega = omega;
                if (_seen) _filteredAmps = _amps;
            }
            if (!_seen && StartAmps > _filteredAmps)
            {
                _filteredAmps = StartAmps;
                _filteredOmega = omega;
            }
            _seen = true;
            if (_seenSeconds < 1000f) _seenSeconds += dt;
            float tau = Starting && StartFilterSeconds > 0f ? StartFilterSeconds : FilterSeconds;
            if (tau < dt) tau = dt;
            float a = dt / tau;
            _filteredAmps += (amps - _filteredAmps) * a;
            _filteredOmega += (omega - _filteredOmega) * a;
            // A first-order filter's derivative is (ω − ω_f)/τ: the filtered acceleration without differentiating the reads.
            _amps = _filteredAmps - Inertia * (omega - _filteredOmega) / (backEmf * tau);
        }
    }
}
