export interface PayoutSchedule {
  cron: string;
  payoutScheduleId: string;
}
