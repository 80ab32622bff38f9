using System.Security.Cryptography;
using ServiceHall.Api.Certificates;

namespace ServiceHall.Documents.Tests;

/// <summary>
/// The certificate-signing key accepts only a NIST P-256 private key: another 256-bit curve would sign certificates
/// no ES256 verifier accepts, and a public key cannot sign at all; both must stop the silo with a clear message.
/// </summary>
public sealed class CertificateSignerTests
{
    [Fact]
    public void AP256PrivateKeySignsAndVerifies()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = new CertificateSigner(CertificateSigner.Import(key.ExportPkcs8PrivateKeyPem()));
        var data = "证照"u8.ToArray();

        Assert.True(signer.Verify(data, signer.Sign(data)));
    }

    [Fact]
    public void AnotherCurveOfTheSameSizeIsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.brainpoolP256r1);
        Assert.Equal(256, key.KeySize);

        var refusal = Assert.Throws<ArgumentException>(() => new CertificateSigner(CertificateSigner.Import(key.ExportPkcs8PrivateKeyPem())));
        Assert.Contains("P-256", refusal.Message);
    }

    [Fact]
    public void APublicKeyIsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var refusal = Assert.Throws<ArgumentException>(() => new CertificateSigner(CertificateSigner.Import(key.ExportSubjectPublicKeyInfoPem())));
        Assert.Contains("private key", refusal.Message);
    }
}
