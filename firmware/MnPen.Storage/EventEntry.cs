namespace MnPen.Storage
{
    /// <summary>
    /// One event-log entry (32 bytes on flash). Reused: the log keeps a preallocated pool so appending in the
    /// control tick allocates nothing. Measurements are NaN when not recorded.
    /// </summary>
    public sealed class EventEntry
    {
        /// <summary>Size of an encoded entry in bytes.</summary>
        public const int Size = 32;

        /// <summary>Log sequence number (1, 2, ...); 0 until flushed.</summary>
        public uint Sequence;

        /// <summary>Boot number the entry was made in (1 = first boot with this log).</summary>
        public int BootNumber;

        /// <summary>Milliseconds since that boot.</summary>
        public uint UptimeMillis;

        /// <summary>What happened.</summary>
        public EventKind Kind;

        /// <summary>Kind-specific code, usually a fault code number.</summary>
        public int Code;

        /// <summary>Measured stroke rate (strokes/s), 0.1 resolution.</summary>
        public float RateStrokesPerSecond;

        /// <summary>Measured depth (mm), 0.01 resolution.</summary>
        public float DepthMm;

        /// <summary>Motor current (A), 1 mA resolution.</summary>
        public float CurrentAmps;

        /// <summary>Handpiece temperature (deg C), 0.1 resolution.</summary>
        public float TemperatureC;

        /// <summary>Battery voltage (V), 1 mV resolution.</summary>
        public float BatteryVolts;

        /// <summary>Kind-specific argument (run seconds, cartridge serial bits, version...).</summary>
        public uint Argument;

        /// <summary>Identical events folded into this one after it (0..255); the entry's boot and time are the latest one's.</summary>
        public int Repeats;

        /// <summary>Most repeats one entry holds; the next identical event starts a new entry.</summary>
        public const int MaxRepeats = 255;

        /// <summary>True if e is the same event as this one (kind, code, argument) and neither carries measurements.</summary>
        public bool SameEventAs(EventEntry e)
        {
            return Kind == e.Kind && Code == e.Code && Argument == e.Argument && Unmeasured() && e.Unmeasured();
        }

        private bool Unmeasured()
        {
            return float.IsNaN(RateStrokesPerSecond) && float.IsNaN(DepthMm) && float.IsNaN(CurrentAmps)
                && float.IsNaN(TemperatureC) && float.IsNaN(BatteryVolts);
        }

        /// <summary>Copies every field from another entry.</summary>
        public void CopyFrom(EventEntry e)
        {
            Sequence = e.Sequence;
            BootNumber = e.BootNumber;
            UptimeMillis = e.UptimeMillis;
            Kind = e.Kind;
            Code = e.Code;
            RateStrokesPerSecond = e.RateStrokesPerSecond;
            DepthMm = e.DepthMm;
            CurrentAmps = e.CurrentAmps;
            TemperatureC = e.TemperatureC;
            BatteryVolts = e.BatteryVolts;
            Argument = e.Argument;
            Repeats = e.Repeats;
        }

        /// <summary>Encodes into 32 bytes at offset, CRC32 last.</summary>
        public void Encode(byte[] b, int offset)
        {
            ByteCodec.PutU32(b, offset, Sequence);
            ByteCodec.PutU32(b, offset + 4, UptimeMillis);
            ByteCodec.PutU16(b, offset + 8, BootNumber);
            b[offset + 10] = (byte)Kind;
            b[offset + 11] = (byte)(Repeats < 0 ? 0 : Repeats > MaxRepeats ? MaxRepeats : Repeats);
            ByteCodec.PutU16(b, offset + 12, Code);
            ByteCodec.PutU16(b, offset + 14, Scale(RateStrokesPerSecond, 10f));
            ByteCodec.PutU16(b, offset + 16, Scale(DepthMm, 100f));
            ByteCodec.PutU16(b, offset + 18, Scale(CurrentAmps, 1000f));
            ByteCodec.PutU16(b, offset + 20, Scale(TemperatureC, 10f));
            ByteCodec.PutU16(b, offset + 22, Scale(BatteryVolts, 1000f));
            ByteCodec.PutU32(b, offset + 24, Argument);
            ByteCodec.PutU32(b, offset + 28, Crc32.Compute(b, offset, 28));
        }

        /// <summary>Decodes 32 bytes at offset; false (entry untouched) if the CRC fails or the sequence is 0.</summary>
        public bool Decode(byte[] b, int offset)
        {
            if (Crc32.Compute(b, offset, 28) != ByteCodec.GetU32(b, offset + 28))
            {
                return false;
            }
            uint seq = ByteCodec.GetU32(b, offset);
            if (seq == 0)
            {
                return false;
            }
            Sequence = seq;
            UptimeMillis = ByteCodec.GetU32(b, offset + 4);
            BootNumber = ByteCodec.GetU16(b, offset + 8);
            Kind = (EventKind)b[offset + 10];
            Repeats = b[offset + 11];
            Code = ByteCodec.GetU16(b, offset + 12);
            RateStrokesPerSecond = Unscale(ByteCodec.GetI16(b, offset + 14), 10f);
            DepthMm = Unscale(ByteCodec.GetI16(b, offset + 16), 100f);
            CurrentAmps = Unscale(ByteCodec.GetI16(b, offset + 18), 1000f);
            TemperatureC = Unscale(ByteCodec.GetI16(b, offset + 20), 10f);
            BatteryVolts = Unscale(ByteCodec.GetI16(b, offset + 22), 1000f);
            Argument = ByteCodec.GetU32(b, offset + 24);
            return true;
        }

        // -32768 (0x8000) marks "not recorded"; values saturate rather than wrap.
        private static int Scale(float v, float factor)
        {
            if (float.IsNaN(v))
            {
                return 0x8000;
            }
            float s = v * factor;
            if (s > 32767f)
            {
                return 32767;
            }
            if (s < -32767f)
            {
                return -32767 & 0xFFFF;
            }
            return (int)(s + (s >= 0f ? 0.5f : -0.5f)) & 0xFFFF;
        }

        private static float Unscale(int raw, float factor)
        {
            return raw == -32768 ? float.NaN : raw / factor;
        }
    }
}
