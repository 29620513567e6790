import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
import { Payout } from './payout.interface';
import { PayoutStatus } from './payout-status.enum';

@Injectable()
export class PayoutService {
  public constructor(private readonly prismaService: PrismaService) {}

  public async create(payout: Payout) {
    return this.prismaService.payout.create({ data: { ...payout, status: PayoutStatus.PENDING } });
  }
}
