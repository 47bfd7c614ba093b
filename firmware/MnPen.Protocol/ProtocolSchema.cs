namespace MnPen.Protocol
{
    /// <summary>
    /// The protocol's definition in one place: version, every message layout, and the schema hash both sides exchange
    /// in the handshake (SHA-256 of the layouts, first four bytes). docs/protocol.md is generated from this class and a
    /// test checks the layouts against the codecs, so the document, the hash and the code cannot drift apart.
    /// </summary>
    public static class ProtocolSchema
    {
        /// <summary>Protocol version: pen and tool must match exactly to talk beyond the handshake.</summary>
        public const int Version = 1;

        /// <summary>Status layout (StatusCodec.WriteStatus).</summary>
        public const string StatusFields =
            "state:u8 fault:u16 rateLevel:u8 rateLevelCount:u8 flags:u8 targetRate:u16 levelRate:u16 measuredRate:u16 " +
            "duty:u16 depthTarget:u16 depthMeasured:i16 depthLimit:u16 motorCurrent:i16 handpieceTemp:i16 battery:u16 " +
            "runTime:u32 treatmentTime:u32 cartridgeNeedles:u8 cartridgeMaxDepth:u16 tickCount:u32 overrunCount:u32 uptime:u32";

        /// <summary>Telemetry sample layout (StatusCodec.WriteSample).</summary>
        public const string SampleFields =
            "uptime:u32 state:u8 fault:u16 flags:u8 measuredRate:u16 targetRate:u16 depthMeasured:i16 depthTarget:u16 " +
            "motorCurrent:i16 handpieceTemp:i16 battery:u16 duty:u16";

        /// <summary>Calibration layout (CalibrationWire).</summary>
        public const string CalibrationFields =
            "layout:u8(=3) ffCount:u8 ff[ffCount]:{rate:i32u duty:i32u} ffSupplyVolts:i32u rateKp:i32u rateKi:i32u " +
            "depthCount:u8 depth[depthCount]:{depthMm:i32u drive:i32u feedbackCounts:i32} currentOffsetCounts:i32 " +
            "currentMilliampsPerCount:i32u serialNumber:str calibratedOnDay:i32 nextDueDay:i32 technicianId:str " +
            "sensingFlags:u8 thermistorRailCounts:i32m batteryMillivoltsPerCount:i32u motorFlags:u8 motorResistanceOhms:i32u " +
            "motorBackEmfVoltSecondsPerRad:i32u";

        private static MessageSpec[] _messages;
        private static uint _hash;
        private static bool _hashDone;

        /// <summary>Every request the pen understands, plus the unsolicited and error frames.</summary>
        public static MessageSpec[] Messages
        {
            get
            {
                if (_messages == null) _messages = Build();
                return _messages;
            }
        }

        /// <summary>Schema hash: first four bytes (big-endian) of SHA-256 over the version and every layout.</summary>
        public static uint Hash
        {
            get
            {
                if (!_hashDone)
                {
                    _hash = ComputeHash();
                    _hashDone = true;
                }
                return _hash;
            }
        }

        /// <summary>Name of a PenState number, as the firmware defines it (checked by a test).</summary>
        public static string StateName(int state)
        {
            switch (state)
            {
                case 0: return "Boot";
                case 1: return "SelfTest";
                case 2: return "Idle";
                case 3: return "Ready";
                case 4: return "Starting";
                case 5: return "Running";
                case 6: return "Stopping";
                case 7: return "Fault";
                case 8: return "Lockout";
                case 9: return "Sleep";
                case 10: return "PowerOff";
                default: return "Unknown";
            }
        }

        /// <summary>Finds the description of a request type, or null.</summary>
        public static MessageSpec Find(byte code)
        {
            MessageSpec[] all = Messages;
            for (int i = 0; i < all.Length; i++)
                if (all[i].Code == code) return all[i];
            return null;
        }

        private static MessageSpec[] Build()
        {
            return new MessageSpec[]
            {
                new MessageSpec(MessageType.Hello, "Hello", false, "toolProtocolVersion:u16 (optional)",
                    "protocolVersion:u16 schemaHash:u32 maxPayload:u16 flags:u8(bit1 key provisioned, bit2 ended an unlocked session, bit3 stopped a link-started motor) firmwareVersion:str serialNumber:str",
                    "Handshake; begins a new session that inherits nothing: service mode ends, a link-started motor stops, telemetry stops. Layout frozen for every protocol version so any tool can read it and refuse an incompatible pen."),
                new MessageSpec(MessageType.GetStatus, "GetStatus", false, "", "status",
                    "Status snapshot (units: strokes/s x100, duty 0..10000, um, mA, degC x100, mV, ms)."),
                new MessageSpec(MessageType.GetSetting, "GetSetting", false, "id:u8", "id:u8 value:i32 access:u8(0 any, 1 service, 2 read-only)",
                    "Reads one setting (see Settings)."),
                new MessageSpec(MessageType.SetSetting, "SetSetting", false, "id:u8 value:i32", "id:u8 value:i32",
                    "Writes one setting; limits need service mode; hard limits always apply. Takes effect at once; the reply holds the value now in effect."),
                new MessageSpec(MessageType.Telemetry, "Telemetry", false, "rateHz:u16", "rateHz:u16",
                    "Starts streaming TelemetrySample frames at rateHz (1.." + ProtocolLimits.MaxTelemetryHz + "), or stops them (0)."),
                new MessageSpec(MessageType.ReadEvents, "ReadEvents", false, "fromSequence:u32 maxCount:u8 log:u8 (optional: 0 event log, 1 security log)",
                    "total:u32 firstSequence:u32 count:u8 entries[count]:{sequence:u32 boot:u16 uptimeMs:u32 kind:u8 code:u16 argument:u32 repeats:u8}",
                    "Reads up to " + ProtocolLimits.MaxEventsPerReply + " entries of a log starting at fromSequence (or the oldest held); repeats = identical events folded into the entry."),
                new MessageSpec(MessageType.ReadCalibration, "ReadCalibration", false, "", "calibration",
                    "Reads the calibration in use (i32u = value x 1,000,000)."),
                new MessageSpec(MessageType.WriteCalibration, "WriteCalibration", true, "calibration", "",
                    "Validates, stores and applies a calibration; motor must be stopped."),
                new MessageSpec(MessageType.SelfTest, "SelfTest", false, "", "passed:u8 count:u8 faults[count]:u16",
                    "Runs the self-test with the motor stopped."),
                new MessageSpec(MessageType.AckFault, "AckFault", false, "", "result:u8 fault:u16",
                    "Acknowledges the active fault if its cause is gone; never restarts the motor."),
                new MessageSpec(MessageType.Reboot, "Reboot", true, "", "",
                    "Reboots after the reply is sent; motor must be stopped. Service only: a restart re-runs the self-test and ends every session."),
                new MessageSpec(MessageType.Stop, "Stop", false, "", "result:u8", "Stops the motor. Always allowed."),
                new MessageSpec(MessageType.Start, "Start", true, "", "result:u8",
                    "Asks the firmware to start; its pre-run checks and every interlock still apply."),
                new MessageSpec(MessageType.ServiceChallenge, "ServiceChallenge", false, "",
                    "nonce:bytes16 attemptsLeft:u8 lockoutMs:u32", "Issues a single-use nonce valid for 60 s; never the same nonce twice, across any number of reboots."),
                new MessageSpec(MessageType.ServiceUnlock, "ServiceUnlock", false, "mac:bytes32", "sessionSeconds:u16",
                    "mac = HMAC-SHA-256(serviceKey, \"MNPEN-UNLOCK-1\" | nonce | serialNumber). Failures are counted on flash before the answer is judged, logged and rate-limited."),
                new MessageSpec(MessageType.ServiceLock, "ServiceLock", false, "", "", "Leaves service mode."),
                new MessageSpec(MessageType.SetSerialNumber, "SetSerialNumber", true, "serialNumber:str", "",
                    "Writes the serial number (1.." + ProtocolLimits.MaxSerialLength + " printable ASCII); motor must be stopped."),
                new MessageSpec(MessageType.ProvisionKey, "ProvisionKey", false, "key:bytes32", "",
                    "Stores the per-pen service key: allowed once (factory), afterwards only in service mode."),
                new MessageSpec(MessageType.ServiceClear, "ServiceClear", true, "", "result:u8 fault:u16",
                    "Technician's clear after repair: clears every latched fault whose cause is gone, service-policy ones included; power-cycle faults still need a power cycle. Never restarts the motor; logged."),
                new MessageSpec(MessageType.Error, "Error", false, "", "requestType:u8 code:u8 detail:i32 message:text (optional)",
                    "Sent instead of a reply when a request is refused; echoes the request's sequence byte."),
                new MessageSpec(MessageType.TelemetrySample, "TelemetrySample", false, "", "sample",
                    "Unsolicited, at the requested rate; sequence byte counts samples (gaps show drops)."),
            };
        }

        private static uint ComputeHash()
        {
            Sha256 sha = new Sha256();
            AddText(sha, "v");
            sha.UpdateByte((byte)Version);
            AddText(sha, StatusFields);
            AddText(sha, SampleFields);
            AddText(sha, CalibrationFields);
            MessageSpec[] all = Messages;
            for (int i = 0; i < all.Length; i++)
            {
                sha.UpdateByte(all[i].Code);
                AddText(sha, all[i].Name);
                sha.UpdateByte(all[i].ServiceOnly ? (byte)1 : (byte)0);
                AddText(sha, all[i].Request);
                AddText(sha, all[i].Reply);
            }
            for (int i = 0; i < SettingTable.Ids.Length; i++)
            {
                int id = SettingTable.Ids[i];
                sha.UpdateByte((byte)id);
                AddText(sha, SettingTable.Name(id));
                AddText(sha, SettingTable.Unit(id));
            }
            byte[] digest = new byte[Sha256.DigestLength];
            sha.Final(digest, 0);
            return ((uint)digest[0] << 24) | ((uint)digest[1] << 16) | ((uint)digest[2] << 8) | digest[3];
        }

        private static void AddText(Sha256 sha, string s)
        {
            for (int i = 0; i < s.Length; i++) sha.UpdateByte((byte)s[i]);
            sha.UpdateByte(0);
        }
    }
}
