namespace OrleansNlp.Contracts;

/// <summary>The type names a <see cref="DatasetField"/> may have.</summary>
public static class DatasetFieldTypes
{
    public const string Str = "str";
    public const string Int = "int";
    public const string Float = "float";
    public const string Bool = "bool";
    public const string Date = "date";
    public const string ListOfStr = "list[str]";
    public const string Enum = "enum";

    public static IReadOnlyList<string> All { get; } = [Str, Int, Float, Bool, Date, ListOfStr, Enum];
}
