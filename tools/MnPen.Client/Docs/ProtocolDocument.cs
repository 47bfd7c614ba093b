using System.Text;
using MnPen.Protocol;

namespace MnPen.Client.Docs;

/// <summary>
/// Builds docs/protocol.md from the protocol's definition in code (ProtocolSchema, ErrorCode, SettingTable, limits).
/// A test fails when the committed file differs; regenerate with `MNPEN_UPDATE_DOCS=1 dotnet test tests/MnPen.Protocol.Tests`.
/// </summary>
public static class ProtocolDocument
{
    /// <summary>Repository-relative path of the document.</summary>
    public const string RelativePath = "docs/protocol.md";

    /// <summary>The whole document as Markdown (LF line endings).</summary>
    public static string Generate()
    {
        var sb = new StringBuilder();
        sb.Append($$"""
# MnPen pen protocol

<!-- Generated from firmware/MnPen.Protocol (ProtocolSchema and friends) by tools/MnPen.Client/Docs/ProtocolDocument.cs.
     Do not edit by hand: a test compares this file with the code. -->

Every tool talks to a pen through this protocol, and to a virtual pen through exactly the same bytes: the firmware's
`PenEndpoint` (portable, runs on the pen) answers on the pen's USB serial port, or on the simulator's `SimSerialPort`
bridged to TCP by `mnpen sim --serve`.

- Protocol version: **{{ProtocolSchema.Version}}**
- Schema hash: **{{ProtocolSchema.Hash:x8}}** (first four bytes of SHA-256 over every layout below; sent in the handshake)

## Framing

```
+------+------+--------+--------+------+------+-----+---------------+--------+--------+
| 0xA5 | 0x5A | LEN lo | LEN hi | HCHK | TYPE | SEQ | PAYLOAD (LEN) | CRC lo | CRC hi |
+------+------+--------+--------+------+------+-----+---------------+--------+--------+
```

- `LEN` is the payload length, 0..{{FrameFormat.MaxPayload}} bytes; a whole frame is at most {{FrameFormat.MaxFrame}} bytes.
- `HCHK` is the low byte of the CRC-16 of the two `LEN` bytes: a damaged length is rejected at once instead of making
  the receiver wait for, and swallow, the frames behind it.
- `CRC` is CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) over `LEN`, `HCHK`, `TYPE`, `SEQ` and the payload.
- All multi-byte fields are little-endian. `str` is a length byte then that many printable ASCII bytes (at most {{ProtocolLimits.MaxStringLength}}).
  Physical values are scaled integers (no floats on the wire); `i32u` means value x 1,000,000.
- **Resynchronisation.** The receiver is a byte-at-a-time state machine over one preallocated buffer. Bytes before a sync pair
  are skipped; a bad header check, a length above the maximum or a CRC mismatch drops only the first sync byte and rescans
  the bytes already held, so a real frame hidden behind a false start or garbage is still found. A partial frame followed
  by {{PenEndpoint.IdleFlushMicros / 1000}} ms of silence is abandoned the same way. Nothing is allocated per byte on the pen.
- **Sequencing.** The tool picks `SEQ` per request; the reply (type = request | 0x80) or the `Error` frame echoes it.
  `TelemetrySample` frames count their own sequence so gaps reveal drops. Frames of reply types sent *to* the pen are ignored.
- **Errors.** A refused or malformed request gets `Error` (0x7F): `requestType:u8 code:u8 detail:i32 message:str (optional)`.
  A frame with a bad CRC gets no answer at all (the tool times out and may retry).

## Handshake and compatibility

`Hello`'s layout is frozen for all protocol versions. A tool compares `protocolVersion` and `schemaHash` with its own
and refuses an incompatible pen with a message naming both (`mnpen status` exits with code 3). `Hello` also stops any
telemetry stream left by a previous tool.

## Messages

| Code | Name | Access | Request | Reply |
|---|---|---|---|---|

""");
        foreach (var m in ProtocolSchema.Messages)
        {
            string access = m.ServiceOnly ? "service" : "any";
            string reply = m.Code == MessageType.Error || m.Code == MessageType.TelemetrySample
                ? $"0x{m.Code:X2}: {Cell(m.Reply)}"
                : $"0x{MessageType.ReplyTo(m.Code):X2}: {Cell(m.Reply)}";
            string request = m.Code == MessageType.Error || m.Code == MessageType.TelemetrySample ? "(pen to tool)" : Cell(m.Request);
            sb.Append($"| 0x{m.Code:X2} | {m.Name} | {access} | {request} | {reply} |\n");
        }
        sb.Append("\n");
        foreach (var m in ProtocolSchema.Messages)
            sb.Append($"- **{m.Name}**: {m.Summary}\n");

        sb.Append($$"""

### status (GetStatus reply, {{StatusCodec.StatusLength}} bytes)

`{{ProtocolSchema.StatusFields}}`

Units: rates in strokes/s x100, duty 0..10000, depths in micrometres, current in mA, temperature in degC x100,
battery in mV, times in ms. `state` is the firmware's PenState: {{StateList()}}. `fault` is the FaultCode number
(docs/faults.md). `flags`: bit0 cartridge present, bit1 cartridge accepted, bit2 service unlocked, bit3 telemetry on.

### sample (TelemetrySample, {{StatusCodec.SampleLength}} bytes)

`{{ProtocolSchema.SampleFields}}`

Sampled in the host loop (never inside the 100 Hz control tick) at the requested rate, 1..{{ProtocolLimits.MaxTelemetryHz}} samples/s.
When the link cannot keep up, samples are dropped (the sequence byte shows the gap) rather than queued without bound.

### calibration (ReadCalibration reply, WriteCalibration request)

`{{ProtocolSchema.CalibrationFields}}`

Tables hold at most {{ProtocolLimits.MaxTableEntries}} points and must be strictly ascending. The pen validates every value
(CalibrationValidator) before storing it and answers `InvalidCalibration` with the reason otherwise; nothing changes then.

## Settings

| Id | Name | Unit | Write access |
|---|---|---|---|

""");
        foreach (int id in SettingTable.Ids)
            sb.Append($"| {id} | {SettingTable.Name(id)} | {SettingTable.Unit(id)} | {(SettingTable.NeedsService(id) ? "service" : "any")} |\n");
        sb.Append("""

Every write goes through the firmware's own checks: a value past a hard limit (e.g. depth above the seated cartridge's
maximum or above 2.5 mm, stroke rate above 150 strokes/s) is refused with `AboveHardLimit` or `OutOfRange`, in any mode.

## Error codes

| Code | Name | What to do |
|---|---|---|

""");
        for (int c = 0; c <= ErrorCode.Last; c++)
            sb.Append($"| {c} | {ErrorText.Name(c)} | {ErrorText.Remedy(c)} |\n");

        sb.Append($$"""

## Service mode and threat model

Writes that change calibration, limits, cartridge usage or the serial number, replacing the service key, and `Start`
need service mode.

**Unlock.** The tool asks for `ServiceChallenge` and gets a single-use {{ProtocolLimits.NonceLength}}-byte nonce (valid {{ServiceLock.ChallengeLifetimeMs / 1000}} s).
It answers `ServiceUnlock` with `HMAC-SHA-256(key, "{{ServiceLock.MacLabel}}" | nonce | serialNumber)`, where `key` is the
pen's own 32-byte service key. The session ends on `ServiceLock`, on reboot, or after {{ServiceLock.SessionIdleMs / 60000}} minutes without
a service command. Service writes, unlock, self-test and reboot are refused while the motor runs.

**Rate limiting and logging.** {{ServiceLock.FreeAttempts}} wrong answers are allowed; each further one locks unlocking out for
{{ServiceLock.FirstLockoutMs / 1000}} s, doubling up to {{ServiceLock.MaxLockoutMs / 60000}} minutes. Every success, failure and lockout is written to the
pen's event log. A challenge is consumed by any answer, right or wrong.

**Key provisioning.** Each pen gets a random key at the factory (`ProvisionKey`, accepted only while none is stored);
the service organisation keeps keys by serial number. Replacing a key needs service mode.

**Threats considered.**

| Threat | Mitigation |
|---|---|
| A patient or clinic user with the app/CLI changes calibration or limits | No key, no service mode; the key is never sent over the link. |
| Someone records an unlock session and replays it | Nonces are single-use and unique per boot (counter + clock + PRNG, hashed). |
| Online guessing of the MAC | 256-bit MAC, consumed challenges, lockouts doubling to an hour, logged. |
| A key leaks from one pen | Keys are per pen, so other pens are unaffected. |
| Garbage, noise or a fuzzer on the port | CRC-checked frames, strict payload lengths, no state change without a valid (and, for service writes, authenticated) command; fuzzed with >= 1,000,000 frames. |
| Any command, even authenticated, drives the pen unsafely | The firmware's hard limits and the safety supervisor's interlocks sit below the protocol: `Start` goes through the pre-run checks, no setting can pass a hard limit. |

**Limits (accepted risks).** nanoFramework v1 offers no secure element, no cryptography package and no flash read protection
from managed code: someone who opens the pen and dumps its flash can read the key of *that* pen (ESP32 flash encryption,
set at manufacture, is the mitigation outside this firmware). The nonce generator is not a cryptographic RNG; uniqueness,
not secrecy, of the nonce is what the scheme relies on. The failure counter lives in RAM, so a power cycle resets the
counter but not the MAC's strength. The SHA-256/HMAC are hand-written in portable code (no crypto on nanoFramework v1)
and tested against .NET's implementation. No physical confirmation on the pen (e.g. holding two buttons while unlocking)
is asked for yet: it would add protection against a compromised service computer that holds keys, at the cost of a
technician's hands; the handler interface leaves room for it.

## Transports

- Pen: the USB CDC serial port (`PenBoard.Serial`), polled from the host loop by `PenEndpoint.Poll()`.
- Host: `tcp://HOST:PORT` (the virtual pen server, loopback) and `serial:DEVICE` (Linux/macOS termios, raw mode).
  Both sit behind `ITransport`, so a System.IO.Ports transport can be added where that package is available.

## Virtual pen

`mnpen sim --serve tcp://127.0.0.1:7755` runs firmware and simulator paced to real time and serves this protocol on
loopback (one tool at a time). `mnpen status --target tcp://127.0.0.1:7755 --json` then answers. Fault injection stays on
the test side: `--fault NAME[@SECONDS]` on `mnpen sim --serve`, or `PenServer.Pen` in-process, never through the protocol.
The virtual pen's service key is a published development key (`mnpen calibrate --key dev`); real pens never use it.

""");
        return sb.ToString().Replace("\r\n", "\n");
    }

    private static string StateList()
    {
        var parts = new List<string>();
        for (int i = 0; i <= 10; i++) parts.Add($"{i} {ProtocolSchema.StateName(i)}");
        return string.Join(", ", parts);
    }

    private static string Cell(string s) => string.IsNullOrEmpty(s) ? "(empty)" : "`" + s.Replace("|", "\\|") + "`";
}
