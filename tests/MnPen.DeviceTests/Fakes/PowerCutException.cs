using System;

namespace MnPen.DeviceTests.Fakes
{
    /// <summary>Thrown by <see cref="FakeStorage"/> when its armed power cut happens in the middle of a write.</summary>
    public sealed class PowerCutException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public PowerCutException() : base("power cut during a flash write")
        {
        }
    }
}
