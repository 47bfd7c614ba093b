namespace MnPen.Safety
{
    /// <summary>
    /// Tells a jammed cartridge from a heavy load at a start. A rotor drawing stall current with no stroke (blocked) at a
    /// low duty is first pushed: the control core raises the duty for a tick to the nominal motor's first-step torque on
    /// this motor (SafetyLimits.JamProbeFirstDutyAt), and if the rotor is still blocked there, to the probe torque's duty
    /// (SafetyLimits.JamProbeFullDutyAt). A push ends as soon as the rotor's back-EMF under it shows it turning or rising
    /// (it broke through the puncture), so the loop's own duty takes over after one tick instead of a rotor spun up by a
    /// duty nobody chose; a rotor from rest is judged only once a free one would show its back-EMF. A rotor still blocked
    /// under the push is a jam; the confirmation time runs from the first pushed tick, so the two steps cost the jam no
    /// time (docs/safety/interlocks.md, docs/control.md "Stall push"). Allocation-free.
    /// </summary>
    internal sealed class JamDetector
    {
        private readonly PersistenceTimer _timer = new PersistenceTimer();
        private bool _runPushing;
        private bool _runPushSpent;
        private uint _runPushCount;
        private ulong _restMicros;
        private bool _havePrevious;
        private float _previousEmf;
        private float _previousAmps;
        private float _previousDrive;

        /// <summary>Stall current with no stroke at the applied duty (at the last Update).</summary>
        public bool Blocked;

        /// <summary>The control core should raise the duty to PushDuty for the coming tick.</summary>
        public bool PushRequested;

        /// <summary>Duty the push asks for, 0..1 (0 when no push is requested).</summary>
        public float PushDuty;

        /// <summary>
        /// The rotor's back-EMF shows it turning although its current looks blocked: under a push, the load gave way and the
        /// push ends; under the loop's own duty, a rotor still accelerating (a weak motor's low back-EMF), not pushed.
        /// </summary>
        public bool EmfTurning;

        /// <summary>
        /// The rotor's back-EMF estimate rose since the last driven reading by more than the difference's own error bound:
        /// it is gaining speed under its drive (the load is giving way), so more torque would only spin it up.
        /// </summary>
        public bool EmfRising;

        /// <summary>The back-EMF estimate rose by more than half the difference's error bound since the last driven reading.</summary>
        public bool EmfRisingSome;

        /// <summary>
        /// Feeds one tick: the duty the bridge applied over the last tick, the supervisor's duty limit, the stroke monitor
        /// (updated this tick). Returns true once the cartridge is jammed: blocked from the first pushed tick on (or at any
        /// duty while turning), never breaking through, for SafetyLimits.JamDetectMicros with no stroke in that time.
        /// </summary>
        public bool Update(SafetyInputs i, float applied, float dutyLimit, StrokeMonitor strokes, SafetyLimits l)
        {
            float volts = i.BatteryVolts;
            float amps = i.MotorCurrentAmps;
            // A blocked rotor's current: the drive over its whole current path (winding at the grip's temperature plus the
            // bridge's on-resistance), the same path the push's duty and back-EMF estimate use; the winding alone (3.0 Ω
            // against 3.7 Ω) overstated it by 23 %, so a stall counted as blocked only above 0.74 of the true stall current.
            float path = l.MotorPathOhmsAt(i.HandpieceCelsius);
            float stallAmps = applied * volts / path;
            if (stallAmps > l.DriverCurrentLimitAmps) stallAmps = l.DriverCurrentLimitAmps;
            Blocked = strokes.Driving && amps >= l.JamStallFraction * stallAmps;

            float first = l.JamProbeFirstDutyAt(i.HandpieceCelsius);
            if (first > dutyLimit) first = dutyLimit;
            float full = l.JamProbeFullDutyAt(volts, i.HandpieceCelsius);
            if (full < first) full = first;
            if (full > dutyLimit) full = dutyLimit;
            bool pushed = applied >= first - 0.001f;
            // The back-EMF under the push: the drive less the winding's drop at its temperature. Only while the bridge is not
            // regulating its current (above that the effective duty is the regulator's, and drive − I·R overstates the EMF).
            float drive = applied * volts;
            float emf = drive - amps * path;
            EmfTurning = Blocked && emf > l.JamBreakVoltsAt(amps, drive, i.HandpieceCelsius)
                && amps < l.StrokeModelMaxCurrentFraction * l.DriverCurrentLimitAmps;
            // Two readings' estimates share the supply's and the resistance's gain errors and the winding's temperature, so
            // their difference is off by the error bound of the change in drive and current only (JamBreakVoltsAt of the
            // differences): a blocked rotor never shows such a rise. Under the first step a weak motor breaking
            // through showed it only in this change, not yet above the turning bound at its push current (the winding's
            // 20 K allowance grows with the current a weak motor needs): without it weak motors (kₑ −21 to −29 %) were taken
            // on to the probe torque and ran 9.5-61 % past a 50 /s tough-skin start (bench rate --motor-spread 30, pens 11,
            // 14, 25 on the sagging pack, 42 on the full one), with it 4-4.5 %.
            float riseBound = l.JamBreakVoltsAt(Abs(amps - _previousAmps), Abs(drive - _previousDrive), i.HandpieceCelsius);
            EmfRising = _havePrevious && emf - _previousEmf > riseBound;
            // Half the bound: a blocked rotor's estimate rises that much only with a winding well above the grip (the bound's
            // 20 K allowance on the current step), and a rotor breaking through under the first step can show no more while
            // still under the full bound (pen 42 of the ±30 % draw, kₑ −28.9 %: 0.455 V of back-EMF under 0.749 against a
            // 0.536 V turning bound; taken on to the probe torque it spun to 82 strokes/s, 62 % past a 50 /s tough-skin
            // start, 34 % with this). Such a reading keeps the first step one more tick instead of the probe torque; the push
            // and the jam's confirmation time go on as before, so a true jam trips no later.
            EmfRisingSome = _havePrevious && emf - _previousEmf > 0.5f * riseBound;
            _havePrevious = strokes.Driving;
            _previousEmf = emf;
            _previousAmps = amps;
            _previousDrive = drive;
            // A rotor driven from rest is judged blocked only once a free one of this motor would show back-EMF above the
            // estimate's error (SafetyLimits.FreeRotorEmfAt), and at the latest after JamDetectMicros.
            bool unjudged = false;
            if (!strokes.Driving) _restMicros = i.NowMicros;
            else if (!strokes.Turning && i.NowMicros - _restMicros < (ulong)l.JamDetectMicros)
            {
                float driven = (i.NowMicros - _restMicros) * 1e-6f;
                unjudged = l.FreeRotorEmfAt(drive, driven, i.HandpieceCelsius) <= l.JamBreakVoltsAt(amps, drive, i.HandpieceCelsius);
            }

            // From rest, and from a rotor that came to rest again after its first strokes: a turning rotor carries its
            // momentum through a puncture peak (a blocked-looking current at a peak while it turns is not a stall, and a kick
            // there would make the rate hunt), but one whose back-EMF is gone has none left. On a drawn pen the soft start's
            // low duty (about 0.2 at 25 strokes/s) stalled against the insertion force of the reference cartridge at 2.5 mm
            // in tough skin after 2-5 strokes on 8 of 50 pens at 8.4 V and 11 of 50 at the sagging pack, and the jam tripped
            // on a cartridge that was not jammed (docs/cartridge.md "Starts from rest over the population"). The request
            // stays while the rotor is blocked, so the pushed duty holds for the jam's whole persistence.
            bool starting = !strokes.Turning;
            // The rise is read only before the first strokes: after them a current sense stuck high reads as a stall whose
            // "back-EMF" jumps with every duty step, and the stroke check below deals with it.
            bool rising = starting && EmfRising;
            bool push = Blocked && !EmfTurning && !rising && !unjudged;
            if (!starting)
            {
                // After the first strokes only a stall under the loop's own low duty is pushed (from 0.5 up it carries the
                // reference cartridge's peak by itself), and only once until the current no longer looks blocked: a stroke
                // during the push proves the rotor turns, so the reading is wrong (a current sense stuck high read as a
                // stall while turning at 150 /s, and a held push spun the rotor into Overspeed instead of the sense fault).
                if (!Blocked) _runPushSpent = false;
                if (_runPushing && i.StrokeCount != _runPushCount) _runPushSpent = true;
                if (!_runPushing) _runPushCount = i.StrokeCount;
                push = push && !_runPushSpent && (_runPushing || applied < first - 0.001f);
                _runPushing = push;
            }
            else
            {
                _runPushing = false;
                _runPushSpent = false;
            }
            PushRequested = push;
            PushDuty = PushRequested ? (pushed && !(starting && EmfRisingSome) ? full : first) : 0f;

            // The confirmation time runs from the first pushed tick, as with a single push: on the pen's 10 ms tick the probe
            // torque is applied from the second and read at the third, and a rotor that breaks through then resets it before
            // the fourth would trip. A control core that never pushes further still gets its jam in the same time. A rotor
            // that stalls after its first strokes is pushed while the time already runs from its first blocked tick, so a
            // jam while running trips as soon as it did without the push.
            bool canPush = starting && applied < first - 0.001f;
            bool held = _timer.Update(Blocked && !canPush && !EmfTurning && !rising, i.NowMicros, l.JamDetectMicros);
            return held && strokes.NoStrokeFor(i.NowMicros, l.JamDetectMicros);
        }

        private static float Abs(float x) => x < 0f ? -x : x;
    }
}
