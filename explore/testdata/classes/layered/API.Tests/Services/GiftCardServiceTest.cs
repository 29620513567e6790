namespace API.Tests.Services;

public class GiftCardServiceTest
{
    // Gift cards: issue a gift card, spend the gift card balance.
    [Fact]
    public void GiftCardBalanceGoesDown() { }
}
