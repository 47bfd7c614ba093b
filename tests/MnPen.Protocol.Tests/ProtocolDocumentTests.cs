using System.Reflection;
using MnPen.Client;
using MnPen.Client.Docs;
using MnPen.Firmware;
using MnPen.Protocol;

namespace MnPen.Protocol.Tests;

public class ProtocolDocumentTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "MnPen.sln"))) dir = dir.Parent;
        if (dir != null) return dir.FullName;
        // Built outside the tree (--artifacts-path elsewhere): fall back to the source location of this project.
        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(ProtocolDocumentTests).Assembly.Location)!, "..", "..", "..", ".."));
    }

    private static string SourceRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    [Fact]
    public void Docs_protocol_md_matches_the_code()
    {
        string path = Path.Combine(SourceRoot(), ProtocolDocument.RelativePath);
        string expected = ProtocolDocument.Generate();
        if (Environment.GetEnvironmentVariable("MNPEN_UPDATE_DOCS") == "1") File.WriteAllText(path, expected);
        Assert.True(File.Exists(path), $"{path} is missing: run MNPEN_UPDATE_DOCS=1 dotnet test tests/MnPen.Protocol.Tests");
        string actual = File.ReadAllText(path).Replace("\r\n", "\n");
        Assert.True(expected == actual,
            $"{ProtocolDocument.RelativePath} differs from the protocol code: regenerate it with MNPEN_UPDATE_DOCS=1 dotnet test tests/MnPen.Protocol.Tests");
    }

    [Fact]
    public void Every_message_type_in_code_is_described_once_and_vice_versa()
    {
        var codes = typeof(MessageType).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(MessageType.ReplyFlag))
            .Select(f => (byte)f.GetRawConstantValue()!).OrderBy(c => c).ToArray();
        var described = ProtocolSchema.Messages.Select(m => m.Code).OrderBy(c => c).ToArray();
        Assert.Equal(codes, described);
        Assert.Equal(codes.Length, codes.Distinct().Count());
    }

    [Fact]
    public void Fixed_layouts_in_the_schema_have_the_sizes_the_codecs_write()
    {
        Assert.Equal(StatusCodec.StatusLength, SizeOf(ProtocolSchema.StatusFields));
        Assert.Equal(StatusCodec.SampleLength, SizeOf(ProtocolSchema.SampleFields));
        Assert.Equal(StatusCodec.StatusLength, Encoded(w => StatusCodec.WriteStatus(w, new PenStatusData())));
        Assert.Equal(StatusCodec.SampleLength, Encoded(w => StatusCodec.WriteSample(w, new PenStatusData())));
        var rig = new EndpointRig(EndpointRig.Key);
        var error = rig.Exchange(0x55).Single();
        Assert.Equal(SizeOf(ProtocolSchema.Find(MessageType.Error)!.Reply.Replace(" message:text (optional)", "")), error.Payload.Length);
        Assert.Equal(SizeOf(ProtocolSchema.Find(MessageType.ServiceChallenge)!.Reply), rig.Ok(MessageType.ServiceChallenge).Length);
        Assert.Equal(SizeOf(ProtocolSchema.Find(MessageType.AckFault)!.Reply), rig.Ok(MessageType.AckFault).Length);
        Assert.Equal(SizeOf(ProtocolSchema.Find(MessageType.Stop)!.Reply), rig.Ok(MessageType.Stop).Length);
    }

    [Fact]
    public void Every_described_request_is_handled_by_the_endpoint()
    {
        var rig = new EndpointRig(EndpointRig.Key);
        foreach (var m in ProtocolSchema.Messages.Where(m => (m.Code & MessageType.ReplyFlag) == 0 && m.Code != MessageType.Error))
        {
            var got = rig.Exchange(m.Code);
            var reply = Assert.Single(got, f => f.Type != MessageType.TelemetrySample);
            if (reply.Type == MessageType.Error) Assert.NotEqual(ErrorCode.UnknownCommand, reply.Payload[1]);
            rig.Endpoint.Poll();
            rig.Collect();
        }
    }

    [Fact]
    public void State_and_result_names_match_the_firmware_enums()
    {
        foreach (PenState s in Enum.GetValues<PenState>()) Assert.Equal(s.ToString(), ProtocolSchema.StateName((int)s));
        foreach (CommandResult r in Enum.GetValues<CommandResult>()) Assert.Equal(r.ToString(), CommandResultNames.Name((int)r));
        Assert.Equal(Enum.GetValues<CommandResult>().Length, CommandResultNames.Count);
    }

    [Fact]
    public void Every_error_code_has_a_name_and_a_remedy()
    {
        for (int c = 0; c <= ErrorCode.Last; c++)
        {
            Assert.NotEqual("Unknown", ErrorText.Name(c));
            Assert.DoesNotContain("Unknown error", ErrorText.Remedy(c));
        }
        int constants = typeof(ErrorCode).GetFields().Count(f => f.IsLiteral && f.Name != nameof(ErrorCode.Last));
        Assert.Equal(ErrorCode.Last + 1, constants);
    }

    private static int Encoded(Action<PayloadWriter> write)
    {
        var w = new PayloadWriter();
        w.Reset(new byte[FrameFormat.MaxPayload], 0, FrameFormat.MaxPayload);
        write(w);
        return w.Length;
    }

    private static int SizeOf(string fields) => fields.Split(' ', StringSplitOptions.RemoveEmptyEntries).Sum(f =>
    {
        string type = f[(f.IndexOf(':') + 1)..];
        int paren = type.IndexOf('(');
        if (paren >= 0) type = type[..paren];
        return type switch
        {
            "u8" => 1,
            "u16" or "i16" => 2,
            "u32" or "i32" or "i32u" or "i32m" => 4,
            _ when type.StartsWith("bytes") => int.Parse(type[5..]),
            _ => throw new InvalidOperationException($"field '{f}' has no fixed size"),
        };
    });
}
