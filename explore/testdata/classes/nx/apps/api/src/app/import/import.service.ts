import { Injectable } from '@nestjs/common';
import { PayoutService } from '../payout/payout.service';

// Reads a CSV of payouts and creates each one.
@Injectable()
export class ImportService {
  public constructor(private readonly payoutService: PayoutService) {}

  public async importPayouts(rows: string[][]) {
    for (const row of rows) {
      await this.payoutService.create({ amount: Number(row[1]), iban: row[0] });
    }
  }
}
