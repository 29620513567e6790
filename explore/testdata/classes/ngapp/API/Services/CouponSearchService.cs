namespace API.Services;

public class CouponSearchService
{
    /// Coupon search: matches codes and names, newest first.
    public IList<Coupon> Search(string term)
    {
        return _db.Coupons.Where(c => c.Code.Contains(term)).ToList();
    }
}
