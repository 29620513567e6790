import { Component, Input } from '@angular/core';

@Component({
  selector: 'gf-payout-batching',
  templateUrl: './payout-batching.component.html'
})
export class PayoutBatchingComponent {
  @Input() payoutBatches: PayoutBatch[] = [];
}
