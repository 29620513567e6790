namespace API.DTOs.Vouchers;

/// The body of a voucher redemption request.
public class VoucherRedemptionDto
{
    public string VoucherCode { get; set; }
    public int VoucherRedemptionCount { get; set; }
}
