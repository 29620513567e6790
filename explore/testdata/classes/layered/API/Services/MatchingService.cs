namespace API.Services;

public class TitleFinder
{
    public bool Finds(string query, string title)
    {
        var matching = title.Contains(query);
        return matching;
    }
}
