/**
 * CSV that opens correctly in Excel and Google Sheets, Arabic included: RFC 4180 quoting, CRLF,
 * a UTF-8 BOM (without it Excel reads Arabic as mojibake), and cells that would start a formula
 * (= + - @ tab) prefixed with a quote so a comment cannot run as a spreadsheet formula.
 */
export function toCsv(header: string[], rows: CsvRow[]): string {
  return `\uFEFF${csvLines([header])}${csvLines(rows)}`;
}

type CsvRow = Array<string | number | boolean | null | undefined>;

const cell = (value: string | number | boolean | null | undefined) => {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Rows as CSV lines, each ending in CRLF, without the BOM or a header: a later chunk of a streamed file. */
export function csvLines(rows: CsvRow[]): string {
  let text = '';
  for (const row of rows) text += `${row.map(cell).join(',')}\r\n`;
  return text;
}
