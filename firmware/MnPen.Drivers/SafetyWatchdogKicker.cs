using MnPen.Hal;

namespace MnPen.Drivers
{
    /// <summary>
    /// Kicks the hardware channel's window watchdog (TPS3430, docs/hardware.md) from the control loop. The watchdog is
    /// enabled while the firmware asks for the driver (nSLEEP command high); from then on every WDI falling edge must come
    /// 22.5-55 ms (typ; 25.9-46.8 ms guaranteed) after the previous one or after the enable, measured by the watchdog's own
    /// oscillator. A kick every 30 ms of this processor's clock (three 10 ms ticks) sits inside the guaranteed window with
    /// 16 ms to spare for a late wake, so only a clock off by more than the window's tolerance, or a loop that stalls or
    /// spins, falls outside it.
    /// </summary>
    public sealed class SafetyWatchdogKicker
    {
        /// <summary>Interval between kicks on the processor's clock, microseconds.</summary>
        public const int KickPeriodMicros = 30000;

        /// <summary>
        /// Slack on the kick period, microseconds (less than a third of a 10 ms tick). Tick wake-ups jitter by a fraction of a millisecond
        /// (FreeRTOS's 100 Hz tick, queued timer events), so a three-tick interval measured on wake times reads 29.9 ms
        /// about half the time; without slack the kick then slipped to the fourth tick. The first interval already counts
        /// from the tick after nSLEEP went high (the enable is written a few ms into the tick before), so it reached
        /// 46.9 ms: late on a TPS3430 whose oscillator sits at its data-sheet fast limit (tWDU min 46.8 ms), found over
        /// the simulated population (PenTolerances.WatchdogOscillator). With the slack every kick lands on the third
        /// tick: at most about 40 ms for the first interval, about 30 ms after that, and never under 27 ms (tWDL max 25.9 ms).
        /// </summary>
        public const int KickSlackMicros = 3000;

        private readonly IDigitalOutput _wdi;
        private bool _enabled;
        private bool _high;
        private ulong _anchor;
        private uint _kickedAtSafetyTick;

        /// <summary>Creates the kicker with WDI low (no edge pending).</summary>
        public SafetyWatchdogKicker(IDigitalOutput wdi)
        {
            _wdi = wdi;
            if (_wdi != null) _wdi.Write(false);
        }

        /// <summary>Kicks issued since creation.</summary>
        public int Kicks { get; private set; }

        /// <summary>
        /// Called at the start of every tick with the nSLEEP command as the previous tick left it and the supervisor's
        /// completed-tick count. The falling edge is the kick; WDI goes high again on the next tick, so each tick writes one
        /// level and no edge is lost inside a tick.
        /// </summary>
        public void Update(ulong nowMicros, bool driverEnableCommanded, uint safetyTicksCompleted)
        {
            if (_wdi == null) return;
            // The window started when nSLEEP went high, at or before this tick: counting from now only lengthens the first interval.
            if (driverEnableCommanded && !_enabled) _anchor = nowMicros;
            _enabled = driverEnableCommanded;
            if (!_high)
            {
                _wdi.Write(true);
                _high = true;
                return;
            }
            if (!_enabled || nowMicros - _anchor < (ulong)(KickPeriodMicros - KickSlackMicros) || safetyTicksCompleted == _kickedAtSafetyTick) return;
            _wdi.Write(false);
            _high = false;
            _anchor = nowMicros;
            _kickedAtSafetyTick = safetyTicksCompleted;
            Kicks++;
        }
    }
}
