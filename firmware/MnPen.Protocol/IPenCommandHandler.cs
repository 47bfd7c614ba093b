using MnPen.Storage;

namespace MnPen.Protocol
{
    /// <summary>
    /// What the protocol endpoint asks of the firmware. The endpoint has already checked framing, payload layout and
    /// service-mode access; the implementation enforces the firmware's own rules (hard limits, interlocks, state).
    /// Methods return an <see cref="ErrorCode"/>; none may throw on bad values.
    /// </summary>
    public interface IPenCommandHandler
    {
        /// <summary>Firmware version text, e.g. "0.1.0".</summary>
        string FirmwareVersion { get; }

        /// <summary>Pen serial number (ASCII), empty if not set.</summary>
        string SerialNumber { get; }

        /// <summary>True while the motor is running, ramping or being started (service writes and reboot wait).</summary>
        bool MotorActive { get; }

        /// <summary>Fills the status snapshot (no allocation).</summary>
        void ReadStatus(PenStatusData status);

        /// <summary>Reads a setting in wire units.</summary>
        int ReadSetting(int id, out int value);

        /// <summary>Writes a setting in wire units; refuses values past hard limits (reason says which and why).</summary>
        int WriteSetting(int id, int value, out string reason);

        /// <summary>Number of entries in an event log (EventLogId).</summary>
        int EventCount(int log);

        /// <summary>Sequence number of the oldest entry still held in an event log.</summary>
        uint FirstEventSequence(int log);

        /// <summary>Fills entry with the event of the given log and sequence number; returns ErrorCode.OutOfRange if not held.</summary>
        int ReadEvent(int log, uint sequence, EventRecord entry);

        /// <summary>The calibration in use, or null if none is valid.</summary>
        Calibration ReadCalibration();

        /// <summary>Validates, stores and applies a calibration; returns InvalidCalibration with the reason when rejected.</summary>
        int WriteCalibration(Calibration calibration, out string reason);

        /// <summary>Stores a new serial number.</summary>
        int WriteSerialNumber(string serial);

        /// <summary>Runs the self-test with the motor stopped and fills the report; detail = CommandResult number when refused.</summary>
        int RunSelfTest(SelfTestReport report, out int detail);

        /// <summary>Acknowledges the active fault; detail = firmware CommandResult number. Never restarts the motor.</summary>
        int AcknowledgeFault(out int detail);

        /// <summary>Technician's clear (service mode), service-policy faults included; detail = firmware CommandResult number.</summary>
        int ServiceClearFault(out int detail);

        /// <summary>Stops the motor; detail = firmware CommandResult number.</summary>
        int Stop(out int detail);

        /// <summary>Asks the firmware to start through its pre-run checks; detail = firmware CommandResult number.</summary>
        int Start(out int detail);

        /// <summary>Reboots the pen (called once the reply has been sent).</summary>
        void Reboot();

        /// <summary>Copies the 32-byte service key into key[offset]; false if none is provisioned.</summary>
        bool ReadServiceKey(byte[] key, int offset);

        /// <summary>Stores a 32-byte service key.</summary>
        int WriteServiceKey(byte[] key, int offset);

        /// <summary>Records a link event (LinkEvent kind) in the pen's security log, on flash before it returns when it may write.</summary>
        void LogLinkEvent(int kind, int detail);

        /// <summary>The service lock's persisted state, or null on a pen without storage (then it lives in RAM only).</summary>
        LinkGuardStore ServiceGuard { get; }

        /// <summary>
        /// Milliseconds before flash may be written without disturbing the boot self-test's clock cross-check (0 = now).
        /// Requests that must write first (challenge, unlock) are answered Busy meanwhile.
        /// </summary>
        int StorageBusyMs { get; }
    }
}
