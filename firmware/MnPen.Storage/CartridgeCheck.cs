namespace MnPen.Storage
{
    /// <summary>Verdict on the seated cartridge. <see cref="CartridgeChecks.ToFaultCode"/> gives the matching MnPen.Safety.FaultCode number.</summary>
    public enum CartridgeCheck
    {
        /// <summary>Usable: new, or the one this pen is using and has not seen removed.</summary>
        Accepted = 0,
        /// <summary>No device answered on the 1-Wire bus.</summary>
        Absent = 1,
        /// <summary>The ID memory answered but its ROM id, factory data or usage record fails its checks.</summary>
        Unreadable = 2,
        /// <summary>Already used and removed (or used by another pen): single use is enforced.</summary>
        Reused = 3,
        /// <summary>Past its expiry date.</summary>
        Expired = 4,
        /// <summary>The usage mark could not be written and verified, so the pen will not run it.</summary>
        WriteFailed = 5,
        /// <summary>Nothing has been checked yet.</summary>
        NotChecked = 6,
    }
}
