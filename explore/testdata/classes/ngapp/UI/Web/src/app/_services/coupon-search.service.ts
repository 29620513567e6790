import { HttpClient } from '@angular/common/http';
import { Injectable } from '@angular/core';

// Calls the coupon search endpoint; coupon search results are cached.
@Injectable({ providedIn: 'root' })
export class CouponSearchService {
  constructor(private http: HttpClient) {}

  couponSearch(term: string) {
    return this.http.get('/api/coupon-search?term=' + term);
  }

  clearCouponSearch() {}
}
