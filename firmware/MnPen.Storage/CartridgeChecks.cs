namespace MnPen.Storage
{
    /// <summary>Maps cartridge verdicts to fault-code numbers and text (kept here so MnPen.Storage need not reference MnPen.Safety; a test pins the numbers).</summary>
    public static class CartridgeChecks
    {
        /// <summary>MnPen.Safety.FaultCode.CartridgeAbsent.</summary>
        public const int FaultCartridgeAbsent = 200;

        /// <summary>MnPen.Safety.FaultCode.CartridgeReused.</summary>
        public const int FaultCartridgeReused = 201;

        /// <summary>MnPen.Safety.FaultCode.CartridgeUnreadable.</summary>
        public const int FaultCartridgeUnreadable = 202;

        /// <summary>Fault code number for a verdict (0 when accepted or not checked). Expired maps to unreadable until a dedicated code exists.</summary>
        public static int ToFaultCode(CartridgeCheck check)
        {
            switch (check)
            {
                case CartridgeCheck.Accepted: return 0;
                case CartridgeCheck.NotChecked: return 0;
                case CartridgeCheck.Absent: return FaultCartridgeAbsent;
                case CartridgeCheck.Reused: return FaultCartridgeReused;
                default: return FaultCartridgeUnreadable;
            }
        }

        /// <summary>Reason text for a verdict, saying what to do.</summary>
        public static string Describe(CartridgeCheck check)
        {
            switch (check)
            {
                case CartridgeCheck.Accepted: return "cartridge accepted";
                case CartridgeCheck.Absent: return "no cartridge ID memory answered; seat a cartridge";
                case CartridgeCheck.Unreadable: return "cartridge ID memory unreadable or damaged; use a new cartridge";
                case CartridgeCheck.Reused: return "cartridge already used; single-use cartridges cannot be run again; fit a new one";
                case CartridgeCheck.Expired: return "cartridge past its expiry date; fit a new one";
                case CartridgeCheck.WriteFailed: return "could not mark the cartridge as used; reseat it or fit a new one";
                default: return "cartridge not checked yet";
            }
        }
    }
}
