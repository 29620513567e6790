namespace API.Services;

public class VoucherService
{
    private readonly IUnitOfWork _unitOfWork;

    /// Redeems a voucher: checks it is unused and still valid, marks the
    /// redemption and credits the account.
    public async Task<bool> RedeemVoucher(string code, int userId)
    {
        var voucher = await _unitOfWork.VoucherRepository.GetByCode(code);
        if (voucher == null || voucher.Used) return false;
        voucher.Used = true;
        await _unitOfWork.CommitAsync();
        return true;
    }
}
