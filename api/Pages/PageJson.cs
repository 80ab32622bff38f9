using System.Text.Encodings.Web;
using System.Text.Json;

namespace ServiceHall.Api.Pages;

/// <summary>JSON embedded in a page's script element: escaped so no value can close the element or open markup.</summary>
public static class PageJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // The default encoder escapes <, >, & and quotes as \uXXXX, which is what keeps "</script>" inert.
        Encoder = JavaScriptEncoder.Default,
    };
}
