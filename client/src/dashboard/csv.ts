/**
 * CSV of a chart's numbers (RFC 4180 quoting), with a UTF-8 byte-order mark so that Excel in
 * Japan opens Japanese names correctly.
 */

export interface Table {
  header: string[];
  rows: (string | number | null)[][];
}

export function toCsv(table: Table): string {
  const cell = (v: string | number | null) => {
    if (v === null) return '';
    const text = String(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [table.header, ...table.rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function csvBlob(table: Table): Blob {
  return new Blob(['\ufeff', toCsv(table)], { type: 'text/csv;charset=utf-8' });
}
