/**
 * CSV that opens correctly in Excel and Google Sheets, Arabic included: RFC 4180 quoting, CRLF,
 * a UTF-8 BOM (without it Excel reads Arabic as mojibake), and cells that would start a formula
 * (= + - @ tab) prefixed with a quote so a comment cannot run as a spreadsheet formula.
 */
export function toCsv(header: string[], rows: Array<Array<string | number | boolean | null | undefined>>): string {
  const cell = (value: string | number | boolean | null | undefined) => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
