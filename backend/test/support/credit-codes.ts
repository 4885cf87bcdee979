import { creditCodeCheckChar } from '../../src/modules/organizations/credit-code.js';

let serial = 0;
/** A fresh, valid unified social credit code (the check character computed per GB 32100-2015). */
export function validCreditCode(): string {
  const body =
    `5133010${String(Date.now() % 1e6).padStart(6, '0')}${String(serial++ % 1e4).padStart(4, '0')}`.slice(
      0,
      17,
    );
  return body + creditCodeCheckChar(body);
}
