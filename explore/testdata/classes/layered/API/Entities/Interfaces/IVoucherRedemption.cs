namespace API.Entities.Interfaces;

public interface IVoucherRedemption
{
    string VoucherCode { get; set; }
    DateTime VoucherRedemptionDate { get; set; }
}
