using System.Collections.Generic;

namespace API.Comparators;

/// <summary>
/// Fuzzy matching of titles: ignores case, punctuation and articles.
/// </summary>
public class TitleComparer : IComparer<string>
{
    public int Compare(string x, string y) => Normalise(x).CompareTo(Normalise(y));

    private static string Normalise(string s) => s.ToLowerInvariant().Trim();
}
