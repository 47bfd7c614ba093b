namespace MnPen.Storage
{
    /// <summary>
    /// The cartridge ID memory's 128 bytes, decoded: factory data (page 0, CRC32, write-protected at manufacture) and
    /// the pen-written usage record (page 1, two 16-byte copies with sequence and CRC16). Layout: docs/cartridge.md.
    /// </summary>
    public sealed class CartridgeImage
    {
        /// <summary>Image size (DS2431 data memory).</summary>
        public const int Size = 128;

        /// <summary>Factory layout version this firmware reads.</summary>
        public const int LayoutVersion = 1;

        /// <summary>Address of usage copy A; copy B follows at +16.</summary>
        public const int UsageAddress = 0x20;

        /// <summary>Bytes per usage copy (two 8-byte EEPROM rows).</summary>
        public const int UsageSize = 16;

        /// <summary>Usage mark byte of a cartridge that has been run.</summary>
        public const byte MarkUsed = 0x5A;

        /// <summary>Erased EEPROM byte.</summary>
        public const byte Blank = 0xFF;

        /// <summary>Deepest depth any cartridge may declare, in 0.05 mm steps (2.5 mm).</summary>
        public const int MaxDepthStepsLimit = 50;

        /// <summary>True if page 0 passed its checks (magic, version, CRC32, plausible values).</summary>
        public bool FactoryValid { get; private set; }

        /// <summary>Cartridge type code (product variant).</summary>
        public int Type { get; private set; }

        /// <summary>Number of needles.</summary>
        public int NeedleCount { get; private set; }

        /// <summary>
        /// Puncture force of one needle in the toughest supported skin, centinewtons, as the factory states it at 0x0E (0 = not
        /// stated, the erased 0xFF: the pen assumes a 30-36 G pen needle, SafetyLimits.PenNeedlePunctureNewtons).
        /// </summary>
        public int NeedlePunctureCentinewtons { get; private set; }

        /// <summary>Offset of the needle puncture force byte in the factory page (was reserved; erased 0xFF = not stated).</summary>
        public const int NeedlePunctureAddress = 0x0E;

        /// <summary>Deepest allowed depth in 0.05 mm steps (1..50).</summary>
        public int MaxDepthSteps { get; private set; }

        /// <summary>Deepest allowed depth (mm).</summary>
        public float MaxDepthMm
        {
            get { return MaxDepthSteps * 0.05f; }
        }

        /// <summary>Manufacturing lot.</summary>
        public uint Lot { get; private set; }

        /// <summary>Expiry, days since 2000-01-01.</summary>
        public int ExpiryDay { get; private set; }

        /// <summary>Manufacture date, days since 2000-01-01.</summary>
        public int ManufacturedDay { get; private set; }

        /// <summary>State of the usage record.</summary>
        public CartridgeUsageState UsageState { get; private set; }

        /// <summary>Sequence of the newest valid usage copy.</summary>
        public int UsageSequence { get; private set; }

        /// <summary>Index (0 = A, 1 = B) of the newest valid usage copy, -1 if none.</summary>
        public int UsageCopy { get; private set; }

        /// <summary>First use, seconds since 2000-01-01 UTC (0 = the pen did not know the time).</summary>
        public uint FirstUseSeconds { get; set; }

        /// <summary>Accumulated run time (s).</summary>
        public uint RunSeconds { get; set; }

        /// <summary>Identity of the pen that first used it (CRC32 of the pen serial number).</summary>
        public uint PenId { get; set; }

        /// <summary>Builds the image of a new cartridge (factory page filled, usage blank): for the simulator, tests and production tooling.</summary>
        public static byte[] CreateNew(int type, int needleCount, int maxDepthSteps, uint lot, int expiryDay, int manufacturedDay)
        {
            return CreateNew(type, needleCount, maxDepthSteps, lot, expiryDay, manufacturedDay, 0);
        }

        /// <summary>As CreateNew, stating the needles' puncture force in the toughest skin, centinewtons (1..254; 0 = not stated).</summary>
        public static byte[] CreateNew(int type, int needleCount, int maxDepthSteps, uint lot, int expiryDay, int manufacturedDay, int needlePunctureCentinewtons)
        {
            byte[] b = new byte[Size];
            for (int i = 0; i < Size; i++)
            {
                b[i] = Blank;
            }
            b[0] = 0x4D;
            b[1] = 0x43;
            b[2] = LayoutVersion;
            b[3] = (byte)type;
            b[4] = (byte)needleCount;
            b[5] = (byte)maxDepthSteps;
            ByteCodec.PutU32(b, 6, lot);
            ByteCodec.PutU16(b, 10, expiryDay);
            ByteCodec.PutU16(b, 12, manufacturedDay);
            if (needlePunctureCentinewtons > 0 && needlePunctureCentinewtons < Blank) b[NeedlePunctureAddress] = (byte)needlePunctureCentinewtons;
            ByteCodec.PutU32(b, 0x1C, Crc32.Compute(b, 0, 0x1C));
            return b;
        }

        /// <summary>Decodes a 128-byte image; returns <see cref="FactoryValid"/>.</summary>
        public bool Decode(byte[] b)
        {
            FactoryValid = false;
            UsageState = CartridgeUsageState.Damaged;
            UsageCopy = -1;
            if (b == null || b.Length < Size)
            {
                return false;
            }
            Type = b[3];
            NeedleCount = b[4];
            MaxDepthSteps = b[5];
            Lot = ByteCodec.GetU32(b, 6);
            ExpiryDay = ByteCodec.GetU16(b, 10);
            ManufacturedDay = ByteCodec.GetU16(b, 12);
            int force = b[NeedlePunctureAddress];
            NeedlePunctureCentinewtons = force == Blank ? 0 : force;
            FactoryValid = b[0] == 0x4D && b[1] == 0x43 && b[2] == LayoutVersion &&
                           Crc32.Compute(b, 0, 0x1C) == ByteCodec.GetU32(b, 0x1C) &&
                           NeedleCount >= 1 && MaxDepthSteps >= 1 && MaxDepthSteps <= MaxDepthStepsLimit;

            FirstUseSeconds = 0;
            RunSeconds = 0;
            PenId = 0;
            UsageSequence = 0;
            bool aValid = UsageCopyValid(b, 0);
            bool bValid = UsageCopyValid(b, 1);
            int best = -1;
            if (aValid && bValid)
            {
                int sa = b[UsageAddress + 1];
                int sb = b[UsageAddress + UsageSize + 1];
                best = (sbyte)(byte)(sb - sa) > 0 ? 1 : 0;
            }
            else if (aValid)
            {
                best = 0;
            }
            else if (bValid)
            {
                best = 1;
            }

            if (best >= 0)
            {
                int p = UsageAddress + best * UsageSize;
                UsageCopy = best;
                UsageSequence = b[p + 1];
                FirstUseSeconds = ByteCodec.GetU32(b, p + 2);
                RunSeconds = ByteCodec.GetU32(b, p + 6);
                PenId = ByteCodec.GetU32(b, p + 10);
                UsageState = CartridgeUsageState.Used;
            }
            else if (IsBlank(b, UsageAddress, 2 * UsageSize))
            {
                UsageState = CartridgeUsageState.New;
            }
            return FactoryValid;
        }

        /// <summary>Fills 16 bytes with a usage copy (mark, sequence, first use, run time, pen id, CRC16).</summary>
        public void EncodeUsage(int sequence, byte[] row, int offset)
        {
            row[offset] = MarkUsed;
            row[offset + 1] = (byte)sequence;
            ByteCodec.PutU32(row, offset + 2, FirstUseSeconds);
            ByteCodec.PutU32(row, offset + 6, RunSeconds);
            ByteCodec.PutU32(row, offset + 10, PenId);
            ByteCodec.PutU16(row, offset + 14, OneWireCrc.Crc16(row, offset, 14));
        }

        /// <summary>Marks the decoded state as used after the pen wrote a usage copy.</summary>
        public void SetUsed(int copy, int sequence)
        {
            UsageState = CartridgeUsageState.Used;
            UsageCopy = copy;
            UsageSequence = sequence & 0xFF;
        }

        private static bool UsageCopyValid(byte[] b, int copy)
        {
            int p = UsageAddress + copy * UsageSize;
            return b[p] == MarkUsed && OneWireCrc.Crc16(b, p, 14) == ByteCodec.GetU16(b, p + 14);
        }

        private static bool IsBlank(byte[] b, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (b[offset + i] != Blank)
                {
                    return false;
                }
            }
            return true;
        }
    }
}
