namespace MnPen.Firmware
{
    /// <summary>
    /// Session limits: maximum continuous run time, treatment timer per cartridge, stop on button release (hold-to-run),
    /// auto-stop after inactivity while running, and sleep/power-off after inactivity while stopped. Times are in seconds; 0 disables a limit.
    /// </summary>
    public sealed class SessionRules
    {
        private long _runMicros;
        private long _treatmentMicros;
        private long _idleMicros;
        private long _asleepMicros;

        /// <summary>Longest continuous run before an automatic stop, seconds (0 = no limit).</summary>
        public float MaxContinuousRunSeconds { get; set; } = 600f;

        /// <summary>Treatment time allowed per cartridge (session), seconds (0 = no limit).</summary>
        public float TreatmentLimitSeconds { get; set; }

        /// <summary>Running with no button or host activity this long: stop, seconds (0 = never).</summary>
        public float InactivityStopSeconds { get; set; } = 120f;

        /// <summary>Stopped with no button or host activity this long: sleep, seconds (0 = never).</summary>
        public float InactivitySleepSeconds { get; set; } = 120f;

        /// <summary>Asleep this long: power off, seconds (0 = never).</summary>
        public float SleepPowerOffSeconds { get; set; } = 600f;

        /// <summary>Run only while the start button is held (release stops).</summary>
        public bool StopOnButtonRelease { get; set; }

        /// <summary>Run time of the current run, seconds.</summary>
        public float RunSeconds => _runMicros * 1e-6f;

        /// <summary>Treatment time accumulated this session, seconds.</summary>
        public float TreatmentSeconds => _treatmentMicros * 1e-6f;

        /// <summary>True once the treatment limit is used up (cleared by NewSession).</summary>
        public bool TreatmentUsedUp => TreatmentLimitSeconds > 0f && _treatmentMicros >= (long)(TreatmentLimitSeconds * 1e6f);

        /// <summary>Starts a new session (new cartridge): treatment timer back to zero.</summary>
        public void NewSession()
        {
            _treatmentMicros = 0;
            _runMicros = 0;
        }

        /// <summary>A run begins: the continuous run timer restarts.</summary>
        public void RunStarted()
        {
            _runMicros = 0;
        }

        /// <summary>User or host did something: inactivity timers restart.</summary>
        public void Activity()
        {
            _idleMicros = 0;
            _asleepMicros = 0;
        }

        /// <summary>Advances the timers by one tick and says what, if anything, must happen.</summary>
        public SessionEvent Update(int dtMicros, bool running, bool asleep, bool startButtonDown)
        {
            if (running)
            {
                _idleMicros += dtMicros;
                _runMicros += dtMicros;
                _treatmentMicros += dtMicros;
                if (StopOnButtonRelease && !startButtonDown) return SessionEvent.ButtonReleased;
                if (TreatmentUsedUp) return SessionEvent.TreatmentLimitReached;
                if (MaxContinuousRunSeconds > 0f && _runMicros >= (long)(MaxContinuousRunSeconds * 1e6f)) return SessionEvent.MaxRunReached;
                if (InactivityStopSeconds > 0f && _idleMicros >= (long)(InactivityStopSeconds * 1e6f))
                {
                    _idleMicros = 0;
                    return SessionEvent.InactivityStop;
                }
                return SessionEvent.None;
            }
            if (asleep)
            {
                _asleepMicros += dtMicros;
                if (SleepPowerOffSeconds > 0f && _asleepMicros >= (long)(SleepPowerOffSeconds * 1e6f)) return SessionEvent.InactivityPowerOff;
                return SessionEvent.None;
            }
            _idleMicros += dtMicros;
            if (InactivitySleepSeconds > 0f && _idleMicros >= (long)(InactivitySleepSeconds * 1e6f))
            {
                _idleMicros = 0;
                _asleepMicros = 0;
                return SessionEvent.InactivitySleep;
            }
            return SessionEvent.None;
        }
    }
}
