using System.Globalization;

namespace API.Helpers.Converters;

/// <summary>
/// Conversion of the dates users type into the server's format.
/// </summary>
public static class DateConverter
{
    public static string ConvertToIso(string source)
    {
        // Conversion falls back to today when the text is no date.
        return DateTime.TryParse(source, CultureInfo.InvariantCulture, out var d)
            ? d.ToString("o")
            : DateTime.UtcNow.ToString("o");
    }
}
