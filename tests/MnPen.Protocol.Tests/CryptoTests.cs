using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using MnPen.Protocol;

namespace MnPen.Protocol.Tests;

public class CryptoTests
{
    [Fact]
    public void Sha256_matches_the_fips_test_vector()
    {
        var sha = new Sha256();
        var abc = "abc"u8.ToArray();
        sha.Update(abc, 0, abc.Length);
        var digest = new byte[32];
        sha.Final(digest, 0);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Sha256_agrees_with_dotnet_for_any_message()
    {
        Prop.ForAll((byte[] data) =>
        {
            var sha = new Sha256();
            sha.Update(data, 0, data.Length);
            var mine = new byte[32];
            sha.Final(mine, 0);
            return mine.SequenceEqual(SHA256.HashData(data));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Sha256_agrees_with_dotnet_across_block_boundaries()
    {
        for (int len = 0; len < 200; len++)
        {
            var data = Enumerable.Range(0, len).Select(i => (byte)(i * 7)).ToArray();
            var sha = new Sha256();
            sha.Update(data, 0, len);
            var mine = new byte[32];
            sha.Final(mine, 0);
            Assert.Equal(SHA256.HashData(data), mine);
        }
    }

    [Fact]
    public void Unlock_mac_computed_on_the_pen_equals_the_tool_s()
    {
        Prop.ForAll((byte[] keySeed, byte[] nonceSeed, string serial) =>
        {
            var key = SHA256.HashData(keySeed);
            var nonce = SHA256.HashData(nonceSeed).Take(16).ToArray();
            string s = new string((serial ?? "").Where(c => c >= ' ' && c <= '~').Take(24).ToArray());
            var mine = new byte[32];
            ServiceLock.ComputeMac(key, nonce, s, new HmacSha256(), mine);
            return mine.SequenceEqual(MnPen.Client.PenClient.ComputeUnlockMac(key, nonce, s));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void Hmac_matches_rfc4231_case_2()
    {
        var hmac = new HmacSha256();
        var key = "Jefe"u8.ToArray();
        var msg = "what do ya want for nothing?"u8.ToArray();
        hmac.Begin(key, 0, key.Length);
        hmac.Update(msg, 0, msg.Length);
        var mac = new byte[32];
        hmac.Final(mac, 0);
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Convert.ToHexStringLower(mac));
    }
}
