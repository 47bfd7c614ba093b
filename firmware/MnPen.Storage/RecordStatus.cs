namespace MnPen.Storage
{
    /// <summary>Outcome of loading a record from its A/B slots.</summary>
    public enum RecordStatus
    {
        /// <summary>A valid record was found (the newest valid slot).</summary>
        Ok = 0,
        /// <summary>Neither slot holds anything: the record was never written.</summary>
        Missing = 1,
        /// <summary>Something is stored but no slot passes its checks (CRC, header, length).</summary>
        Corrupt = 2,
    }
}
