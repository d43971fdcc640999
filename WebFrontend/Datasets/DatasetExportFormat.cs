namespace OrleansNlp.WebFrontend.Datasets;

public enum DatasetExportFormat
{
    Csv,
    JsonLines,
}
