using nanoFramework.Hardware.Esp32;
using nanoFramework.Runtime.Native;

namespace MnPen.Hal.Esp32
{
    /// <summary>
    /// The processor's stall watchdog: a high-resolution timer checks the feeds in software; on a stall it forces the motor
    /// off, records the trip and reboots. The hardware channel's window watchdog (TPS3430) is a separate path kicked by
    /// the firmware through PenBoard.SafetyWatchdogKick: feeding this one every tick would fall inside its closed window.
    /// </summary>
    public sealed class Esp32Watchdog : IWatchdog
    {
        private readonly ResetMarker _marker;
        private readonly IDigitalOutput _motorEnable;
        private readonly IPwmChannel _motorPwm;
        private HighResTimer _timer;
        private ulong _timeoutMicros;
        private ulong _lastFeedMicros;
        private bool _tripped;

        /// <summary>Creates the watchdog (not armed until <see cref="Start"/>).</summary>
        public Esp32Watchdog(ResetMarker marker, IDigitalOutput motorEnable, IPwmChannel motorPwm)
        {
            _marker = marker;
            _motorEnable = motorEnable;
            _motorPwm = motorPwm;
        }

        /// <summary>Arms the software check with the given timeout (ms).</summary>
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
            // timer's event is dispatched late like any managed event: the motor's hardware cut is the window watchdog's).
            _timer.StartOnePeriodic(_timeoutMicros / 4UL);
        }

        /// <summary>Restarts the timeout.</summary>
        public void Feed()
        {
            _lastFeedMicros = HighResTimer.GetCurrent();
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
