using nanoFramework.Hardware.Esp32;
using nanoFramework.Runtime.Native;

namespace MnPen.Hal.Esp32
{
    /// <summary>
    /// Two watchdogs behind one interface. Feed() toggles the WDI input of the external window watchdog (TPS3430-class),
    /// whose output both resets the ESP32 and holds the motor driver asleep in hardware (docs/hardware.md); it is
    /// disabled through boot and enabled by Start() once the loop runs, and as a window watchdog it also trips on feeds
    /// that come too fast (a loop spinning without its sleep). A high-resolution timer checks the same feeds in software
    /// as a back-up: it forces the motor off, records the trip and reboots.
    /// </summary>
    public sealed class Esp32Watchdog : IWatchdog
    {
        private readonly IDigitalOutput _kick;
        private readonly IDigitalOutput _enable;
        private readonly ResetMarker _marker;
        private readonly IDigitalOutput _motorEnable;
        private readonly IPwmChannel _motorPwm;
        private HighResTimer _timer;
        private ulong _timeoutMicros;
        private ulong _lastFeedMicros;
        private bool _kickLevel;
        private bool _tripped;

        /// <summary>Creates the watchdog (not armed until <see cref="Start"/>).</summary>
        public Esp32Watchdog(IDigitalOutput kick, IDigitalOutput enable, ResetMarker marker, IDigitalOutput motorEnable, IPwmChannel motorPwm)
        {
            _kick = kick;
            _enable = enable;
            _marker = marker;
            _motorEnable = motorEnable;
            _motorPwm = motorPwm;
        }

        /// <summary>Arms the software check with the given timeout (ms); the external watchdog's timeout is set by its resistor.</summary>
        public void Start(int timeoutMillis)
        {
            _timeoutMicros = (ulong)timeoutMillis * 1000UL;
            _lastFeedMicros = HighResTimer.GetCurrent();
            if (_timer == null)
            {
                _timer = new HighResTimer();
                _timer.OnHighResTimerExpired += OnCheck;
            }
            _timer.Stop();
            // Check four times per timeout: a stall is caught between 1.0 and 1.25 timeouts after the last feed (the
            // timer's event is dispatched late like any managed event: this is the back-up, the external one acts in hardware).
            _timer.StartOnePeriodic(_timeoutMicros / 4UL);
            _enable.Write(true);
        }

        /// <summary>Restarts the timeout and kicks the external watchdog.</summary>
        public void Feed()
        {
            _lastFeedMicros = HighResTimer.GetCurrent();
            _kickLevel = !_kickLevel;
            _kick.Write(_kickLevel);
        }

        /// <summary>True if the previous run ended in a watchdog trip.</summary>
        public bool CausedLastReset => _marker.PreviousCause == ResetCause.Watchdog;

        private void OnCheck(HighResTimer sender, object e)
        {
            if (_tripped) return;
            var now = HighResTimer.GetCurrent();
            if (now - _lastFeedMicros <= _timeoutMicros) return;
            _tripped = true;
            // Safe state first; the reboot below may take a while to complete.
            _motorEnable.Write(false);
            _motorPwm.Stop();
            _marker.MarkWatchdog();
            Power.RebootDevice();
        }
    }
}
