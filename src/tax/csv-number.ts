// Numbers in an imported CSV. A comma is read only where it cannot be anything else: "1,234,567"
// and "1,234.5" are thousands groups; "1,5" and "1.234,5" are decimal commas and "98,000" is
// either 98 or 98000. Those are refused rather than guessed (read as 15, a 1.5 BTC buy becomes 15
// BTC), unless the import says the file uses decimal commas; then "." is the thousands separator.
import { Decimal } from '../money.js';

export interface CsvNumber {
  value: Decimal;
  /** Digits after the decimal mark as written ("100.50": 2): how far the figure was rounded. */
  places: number;
}

const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d*)?$/;
const COMMA_PLAIN = /^[+-]?(?:\d+(?:,\d*)?|,\d+)$/;
const COMMA_GROUPED = /^[+-]?[1-9]\d{0,2}(?:\.\d{3})+(?:,\d*)?$/;

type Read = { plain: string } | { error: string };

/** `name` and `column` (1-based) name the cell in the messages; `error` says why it is refused. */
export function parseCsvNumber(text: string, name: string, column: number, decimalComma: boolean): CsvNumber | { error: string } {
  const read = decimalComma ? fromDecimalComma(text, name, column) : fromDecimalPoint(text, name, column);
  if ('error' in read) return read;
  const plain = read.plain;
  const value = new Decimal(plain);
  if (plain.includes('e') || plain.includes('E')) return { value, places: value.decimalPlaces() };
  const point = plain.indexOf('.');
  return { value, places: point < 0 ? 0 : plain.length - point - 1 };
}

function fromDecimalPoint(text: string, name: string, column: number): Read {
  const what = `${name} (column ${column})`;
  if (PLAIN.test(text)) return { plain: text };
  if (GROUPED.test(text)) {
    if (text.split(',').length > 2 || text.includes('.')) return { plain: text.replace(/,/g, '') };
    // One comma and three digits, no point: "98,000" is 98000 in a US file and 98 in a German one.
    const grouped = text.replace(',', '');
    const comma = new Decimal(text.replace(',', '.')).toFixed();
    return { error: `${what} ${JSON.stringify(text)} is ambiguous: ${grouped} with a thousands comma, ${comma} with a decimal comma; write ${grouped} or ${comma}, or import with --decimal-comma if the file's numbers use decimal commas` };
  }
  const comma = fromDecimalComma(text, name, column);
  if (text.includes(',') && 'plain' in comma) {
    return { error: `${what} ${JSON.stringify(text)} has a decimal comma, refused rather than guessed; write ${comma.plain}, or import with --decimal-comma if the file's numbers all use decimal commas` };
  }
  return { error: `${name} ${JSON.stringify(text)} is not a number` };
}

/** Under --decimal-comma: "1.234,5" is 1234.5, "1,5" is 1.5; "0.5" is refused (a point groups thousands here). */
function fromDecimalComma(text: string, name: string, column: number): Read {
  if (COMMA_PLAIN.test(text)) return { plain: text.replace(',', '.') };
  if (COMMA_GROUPED.test(text)) return { plain: text.replace(/\./g, '').replace(',', '.') };
  if (PLAIN.test(text) || GROUPED.test(text)) {
    return { error: `${name} (column ${column}) ${JSON.stringify(text)} is not a number with a decimal comma: --decimal-comma reads "." as a thousands separator (1.234,5)` };
  }
  return { error: `${name} ${JSON.stringify(text)} is not a number` };
}

/**
 * Why a row's price x quantity and total are refused, if they are. They may differ by the fee
 * (some exports put it in the total) plus what the rounding of the figures as written allows:
 * half a unit of the total's last digit, plus the quantity times half a unit of the price's last
 * digit (an exchange shows an average or rounded price; the quantity is what moved, exactly).
 * Beyond that one of them is wrong, and which one is not ours to guess.
 */
export function priceTotalMismatch(quantity: CsvNumber, price: CsvNumber, total: CsvNumber, fee: Decimal): string | undefined {
  const rounding = half(total.places).plus(quantity.value.times(half(price.places)));
  const tolerance = fee.plus(rounding);
  const product = price.value.times(quantity.value);
  const gap = product.minus(total.value).abs();
  if (gap.lte(tolerance)) return undefined;
  return `price ${price.value.toFixed()} x quantity ${quantity.value.toFixed()} = ${product.toFixed()}, but total is ${total.value.toFixed()}: they differ by ${gap.toFixed()}, more than the fee ${fee.toFixed()} plus rounding ${rounding.toFixed()}; correct the row, or leave price or total empty`;
}

const halves: Decimal[] = [];
/** Half a unit of the `places`-th decimal, made once per number of places. */
function half(places: number): Decimal {
  return (halves[places] ??= new Decimal(10).pow(-places).div(2));
}

export function number(text: string, name: string, column: number, errors: string[], positive: boolean, decimalComma: boolean): CsvNumber | undefined {
  const read = parseCsvNumber(text, name, column, decimalComma);
  if ('error' in read) {
    errors.push(read.error);
    return undefined;
  }
  if (positive ? read.value.lte(0) : read.value.lt(0)) {
    errors.push(`${name} ${text} must be ${positive ? 'above 0' : '0 or more'}`);
    return undefined;
  }
  return read;
}

