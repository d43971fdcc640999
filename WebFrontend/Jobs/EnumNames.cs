namespace OrleansNlp.WebFrontend.Jobs;

/// <summary>Enum values from query strings and forms: one member's name, any case. Enum.TryParse alone also takes a
/// number or a combination such as "pending,cancelled", a value no member has.</summary>
public static class EnumNames
{
    public static bool TryParseOne<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        return text is { Length: > 0 } && !text.Contains(',') && !long.TryParse(text, out _)
            && Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value);
    }
}
