import { Injectable } from '@nestjs/common';

// Runs each payout schedule when its cron expression is due.
@Injectable()
export class PayoutsService {
  public async runPayoutSchedules(schedules: PayoutSchedule[]) {
    for (const schedule of schedules) {
      if (this.isDue(schedule)) {
        await this.pay(schedule);
      }
    }
  }
}
