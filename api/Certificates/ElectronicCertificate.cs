using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using ServiceHall.Grains.Certificates;

namespace ServiceHall.Api.Certificates;

/// <summary>
/// The electronic version of a certificate: a JSON file carrying the certificate's content as base64url bytes and
/// the hall's ES256 signature over exactly those bytes (so no canonical JSON is needed to check it), plus the key id.
/// </summary>
public static class ElectronicCertificate
{
    public const string Format = "servicehall-e-certificate/1";
    public const string Algorithm = "ES256";

    /// <summary>What the certificate states; signed as UTF-8 JSON.</summary>
    public static JsonObject Payload(CertificateRecord record, string? hallName) => new()
    {
        ["number"] = record.Number,
        ["holder"] = record.Holder,
        ["serviceItem"] = new JsonObject
        {
            ["code"] = record.ServiceItemCode,
            ["nameZh"] = record.ServiceItemNameZh,
            ["nameEn"] = record.ServiceItemNameEn,
        },
        ["form"] = record.Form,
        ["caseNumber"] = record.CaseNumber,
        ["issuer"] = hallName ?? record.Hall,
        ["issuedAt"] = record.IssuedAt,
    };

    public static JsonObject Sign(JsonObject payload, CertificateSigner signer)
    {
        var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
        return new JsonObject
        {
            ["format"] = Format,
            ["algorithm"] = Algorithm,
            ["keyId"] = signer.KeyId,
            ["payload"] = WebEncoders.Base64UrlEncode(bytes),
            ["signature"] = WebEncoders.Base64UrlEncode(signer.Sign(bytes)),
            // For a person reading the file; the check uses only "payload" and "signature".
            ["certificate"] = payload.DeepClone(),
        };
    }

    /// <summary>The signed content when the signature is the hall's; null when it is not, or the file is no e-certificate.</summary>
    public static JsonObject? Open(JsonObject document, CertificateSigner signer)
    {
        try
        {
            if (document["payload"]?.GetValue<string>() is not { } payloadText || document["signature"]?.GetValue<string>() is not { } signatureText)
            {
                return null;
            }

            var payload = WebEncoders.Base64UrlDecode(payloadText);
            if (!signer.Verify(payload, WebEncoders.Base64UrlDecode(signatureText)))
            {
                return null;
            }

            return JsonNode.Parse(payload) as JsonObject;
        }
        catch (Exception exception) when (exception is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
