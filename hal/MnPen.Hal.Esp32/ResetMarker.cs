namespace MnPen.Hal.Esp32
{
    /// <summary>
    /// Remembers across resets why the firmware last stopped. The nanoFramework v1 API exposes no ESP32 reset reason, so the
    /// firmware writes one byte to I:\ before every deliberate stop; a marker still saying "running" at boot means the stop
    /// was not deliberate (brown-out or the external watchdog), reported as Unknown.
    /// </summary>
    public sealed class ResetMarker
    {
        private const string FileName = "reset.flag";
        private const byte Running = (byte)'R', SoftwareReboot = (byte)'S', WatchdogTrip = (byte)'W', PowerOff = (byte)'O', LoopAbort = (byte)'X';
        private readonly INonVolatileStorage _storage;
        private readonly byte[] _one = new byte[1];

        /// <summary>Reads the previous marker (deciding <see cref="PreviousCause"/>), then marks this run as running.</summary>
        public ResetMarker(INonVolatileStorage storage)
        {
            _storage = storage;
            var n = storage.Read(FileName, 0, _one, 0, 1);
            if (n == 0) PreviousCause = ResetCause.PowerOn;
            else if (_one[0] == SoftwareReboot) PreviousCause = ResetCause.Software;
            else if (_one[0] == WatchdogTrip) PreviousCause = ResetCause.Watchdog;
            else if (_one[0] == PowerOff) PreviousCause = ResetCause.PowerOn;
            else if (_one[0] == LoopAbort) PreviousCause = ResetCause.LoopAbort;
            else PreviousCause = ResetCause.Unknown;
            Set(Running);
        }

        /// <summary>Why the previous run ended.</summary>
        public ResetCause PreviousCause { get; }

        /// <summary>Records a deliberate software reboot.</summary>
        public void MarkSoftwareReboot() => Set(SoftwareReboot);

        /// <summary>Records a watchdog trip.</summary>
        public void MarkWatchdog() => Set(WatchdogTrip);

        /// <summary>Records that the control loop aborted on an unexpected exception (a fault at the next boot).</summary>
        public void MarkLoopAbort() => Set(LoopAbort);

        /// <summary>Records a clean power-off.</summary>
        public void MarkPowerOff() => Set(PowerOff);

        private void Set(byte value)
        {
            _one[0] = value;
            _storage.Write(FileName, 0, _one, 0, 1);
        }
    }
}
