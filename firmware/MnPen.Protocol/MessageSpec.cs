namespace MnPen.Protocol
{
    /// <summary>
    /// One message of the protocol as documentation and schema: code, name, access, and the field lists of request and
    /// reply ("name:type" separated by spaces; types u8 u16 i16 u32 i32 str bytesN, or a named block).
    /// </summary>
    public sealed class MessageSpec
    {
        /// <summary>Request type code.</summary>
        public readonly byte Code;
        /// <summary>Message name.</summary>
        public readonly string Name;
        /// <summary>True if the request needs service mode.</summary>
        public readonly bool ServiceOnly;
        /// <summary>Request payload fields.</summary>
        public readonly string Request;
        /// <summary>Reply payload fields.</summary>
        public readonly string Reply;
        /// <summary>What the message does.</summary>
        public readonly string Summary;

        /// <summary>Creates a message description.</summary>
        public MessageSpec(byte code, string name, bool serviceOnly, string request, string reply, string summary)
        {
            Code = code;
            Name = name;
            ServiceOnly = serviceOnly;
            Request = request;
            Reply = reply;
            Summary = summary;
        }
    }
}
