namespace API.Entities.Enums;

public enum VoucherRedemptionState
{
    Pending = 0,
    Redeemed = 1,
}
