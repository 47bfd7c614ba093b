using System;
using System.Diagnostics;
using System.Threading;
using MnPen.Firmware.Link;
using MnPen.Hal;
using MnPen.Hal.Esp32;

namespace MnPen.Firmware.Device
{
    /// <summary>
    /// The 100 Hz control loop on nanoFramework's ESP32 build. FreeRTOS ticks at 100 Hz there and the CLR only wakes a
    /// sleeping thread on an RTOS tick (docs/control.md, "Why 100 Hz"), so the loop sleeps until half an RTOS tick before
    /// the next due time: it wakes on the RTOS tick nearest the due time, never a whole tick late. Each turn runs
    /// PenFirmware.Tick() (which feeds the watchdog after a completed safety tick), then the protocol link's Poll() and one
    /// bounded Background() job. Everything that touches the firmware runs on this one thread; there are no timer or pin
    /// event handlers, which nanoFramework would dispatch late and which allocate.
    /// </summary>
    public sealed class DeviceLoop
    {
        /// <summary>How often loop figures are printed to the debug output, microseconds.</summary>
        public const ulong ReportPeriodMicros = 10000000;

        /// <summary>FreeRTOS tick of nanoFramework's ESP32 build (ESP-IDF default, 100 Hz), microseconds.</summary>
        public const int RtosTickMicros = 10000;

        /// <summary>
        /// Watchdog timeout, milliseconds: the longest loop pause on esp32-nf is a Background() job with the driver asleep
        /// (the cartridge read on UART-timed 1-Wire: up to 200 ms between ticks in a 20-minute simulated session), so
        /// 500 ms; the external watchdog's is set to match by its timing capacitor (docs/hardware.md).
        /// </summary>
        public const int WatchdogTimeoutMillis = 500;

        private readonly PenFirmware _firmware;
        private readonly PenLink _link;
        private readonly PenBoard _board;
        private ulong _nextDue;
        private ulong _nextReport;
        private uint _lastReportedOverruns;
        private bool _watchdogStarted;

        /// <summary>Creates the loop; nothing runs until <see cref="Run"/>.</summary>
        public DeviceLoop(PenFirmware firmware, PenLink link, PenBoard board)
        {
            _firmware = firmware;
            _link = link;
            _board = board;
        }

        /// <summary>Runs forever; an unexpected exception makes the motor safe and restarts the pen (see <see cref="Abort"/>).</summary>
        public void Run()
        {
            ulong period = (ulong)_firmware.Scheduler.PeriodMicros;
            _nextDue = _board.Clock.NowMicros;
            _nextReport = _nextDue + ReportPeriodMicros;
            try
            {
                while (true)
                {
                    SleepUntilDue();
                    _firmware.Tick();
                    if (!_watchdogStarted)
                    {
                        // Disabled through boot (formatting, self-test set-up); armed once the loop runs and feeds.
                        _board.Watchdog.Start(WatchdogTimeoutMillis);
                        _watchdogStarted = true;
                    }
                    _link.Poll();
                    _firmware.Background();
                    ulong now = _board.Clock.NowMicros;
                    _nextDue += period;
                    // Too late to catch up tick by tick: the next tick is the next period from now, not a burst.
                    if (now >= _nextDue) _nextDue = now + period;
                    if (now >= _nextReport)
                    {
                        Report();
                        _nextReport = now + ReportPeriodMicros;
                    }
                }
            }
            catch (Exception e)
            {
                Abort(e);
            }
        }

        private void SleepUntilDue()
        {
            ulong now = _board.Clock.NowMicros;
            ulong target = _nextDue > (ulong)(RtosTickMicros / 2) ? _nextDue - (ulong)(RtosTickMicros / 2) : 0;
            if (target <= now) return;
            // Thread.Sleep rounds up to RTOS ticks: aiming half a tick early lands on the tick nearest the due time.
            int millis = (int)((target - now + 999) / 1000);
            Thread.Sleep(millis);
        }

        /// <summary>
        /// Not control flow: an unexpected exception means the firmware can no longer be trusted. The motor is made safe
        /// through the gate's order (driver asleep first, then PWM off), a loop-abort marker is written (the next boot
        /// reports it as a fault, so a boot loop of exceptions is visible), and the reboot is requested in a finally; the
        /// thread then blocks, whatever the reboot does.
        /// </summary>
        private void Abort(Exception e)
        {
            LoopAbort.MakeSafeAndReboot(_board, e);
            while (true) Thread.Sleep(Timeout.Infinite);
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
