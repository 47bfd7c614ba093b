using System;
using System.Diagnostics;
using System.Threading;
using MnPen.Firmware.Link;
using MnPen.Hal;
using nanoFramework.Hardware.Esp32;

namespace MnPen.Firmware.Device
{
    /// <summary>
    /// Fixed-rate control loop. A periodic high-resolution timer (esp_timer) releases the main thread once per tick
    /// period; the main thread runs PenFirmware.Tick(), then, in the time left before the next tick, the protocol link
    /// and the firmware's background work. Everything that touches the firmware runs on this one thread, so nothing
    /// needs locking; the timer callback only signals.
    /// </summary>
    public sealed class DeviceLoop
    {
        /// <summary>How often overrun figures are printed to the debug output, microseconds.</summary>
        public const ulong ReportPeriodMicros = 10000000;

        /// <summary>Background work is skipped when less than this remains before the next tick, microseconds.</summary>
        public const int BackgroundMarginMicros = 300;

        private readonly PenFirmware _firmware;
        private readonly PenLink _link;
        private readonly PenBoard _board;
        private readonly AutoResetEvent _due = new AutoResetEvent(false);
        private readonly HighResTimer _timer = new HighResTimer();
        private uint _signals;
        private uint _lastReportedOverruns;
        private ulong _nextReport;

        /// <summary>Creates the loop; nothing runs until <see cref="Run"/>.</summary>
        public DeviceLoop(PenFirmware firmware, PenLink link, PenBoard board)
        {
            _firmware = firmware;
            _link = link;
            _board = board;
            _timer.OnHighResTimerExpired += OnTimer;
        }

        /// <summary>Timer signals received (one per period while the timer runs).</summary>
        public uint Signals => _signals;

        /// <summary>Runs forever.</summary>
        public void Run()
        {
            _timer.StartOnePeriodic((ulong)PenFirmware.TickPeriodMicros);
            _nextReport = _board.Clock.NowMicros + ReportPeriodMicros;
            while (true)
            {
                _due.WaitOne();
                try
                {
                    _firmware.Tick();
                    ulong now = _board.Clock.NowMicros;
                    if (_firmware.Scheduler.MicrosUntilDue(now) > BackgroundMarginMicros)
                    {
                        _link.Poll();
                        _firmware.Background();
                    }
                    if (now >= _nextReport)
                    {
                        Report();
                        _nextReport = now + ReportPeriodMicros;
                    }
                }
                catch (Exception e)
                {
                    // Not control flow: an unexpected exception means the firmware can no longer be trusted. Motor off first.
                    _board.MotorEnable.Write(false);
                    _board.MotorPwm.Stop();
                    Debug.WriteLine("MnPen: unexpected exception in the control loop, rebooting: " + e.Message);
                    _board.System.Reboot();
                }
            }
        }

        private void OnTimer(HighResTimer sender, object e)
        {
            _signals++;
            _due.Set();
        }

        private void Report()
        {
            TickScheduler s = _firmware.Scheduler;
            uint overruns = s.Overruns;
            if (overruns != _lastReportedOverruns)
            {
                Debug.WriteLine("MnPen: tick overruns " + overruns.ToString() + " (+" + (overruns - _lastReportedOverruns).ToString()
                    + "), missed periods " + s.MissedPeriods.ToString() + ", max tick " + s.MaxDurationMicros.ToString()
                    + " us, max interval " + s.MaxIntervalMicros.ToString() + " us");
                _lastReportedOverruns = overruns;
            }
        }
    }
}
