// A copy of the currency conversion client, one per API version.
export class CurrencyConversion {
  // Currency conversion: convert an amount between currencies.
  convert(amount: number, currency: string) {
    return this.api.currencyConversion(amount, currency)
  }
}
