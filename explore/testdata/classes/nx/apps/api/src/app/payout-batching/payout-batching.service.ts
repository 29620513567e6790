// Groups due payouts into batches, one transfer per batch.
export class PayoutBatchingService {
  public batch(payouts: Payout[]): Payout[][] {
    const batches: Payout[][] = [];
    for (const payout of payouts) {
      batches.push([payout]);
    }
    return batches;
  }
}
