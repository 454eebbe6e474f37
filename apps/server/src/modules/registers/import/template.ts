// The downloadable template of a register: Chinese headers (row 1), English hints (row 2, skipped
// on import), example rows, drop-down lists for enumerations, text format for ID/phone/codes.
import { creditCodeCheckChar, idNumberCheckChar, organizationCodeCheckChar } from '@wangge/rules';
import ExcelJS from 'exceljs';
import { COLUMNS, type RegisterName } from './columns.ts';

const SHEET_NAMES: Record<RegisterName, string> = {
  addresses: '标准地址',
  people: '实有人口',
  houses: '实有房屋',
  units: '实有单位',
};
/** Rows below the example that carry the drop-down lists. */
const VALIDATED_ROWS = 10_000;

/** The demo district's first community and its first grid. */
const EXAMPLE_COMMUNITY = '120110001001';
const EXAMPLE_GRID = '120110001001001';

/**
 * Example rows (cell values by field over the columns' own examples). The address example is a
 * small tree showing both ways of naming a parent: by code, and by the path of names.
 */
function exampleRows(register: RegisterName): Record<string, string>[] {
  if (register === 'people') {
    const first17 = '12011019850312123';
    return [{ idNumber: first17 + idNumberCheckChar(first17) }];
  }
  if (register === 'units') {
    const org = '12345678';
    const first17 = `92120110${org}${organizationCodeCheckChar(org)}`;
    return [{ creditCode: first17 + creditCodeCheckChar(first17) }];
  }
  if (register === 'addresses') {
    return [
      { code: 'SFL', level: '路/街巷', name: '示范路', gridCode: EXAMPLE_COMMUNITY },
      { code: 'SFL-8', parentCode: 'SFL', level: '门牌号', name: '8号' },
      { code: 'SFL-8-1', parentCode: 'SFL-8', level: '楼栋', name: '1号楼', gridCode: EXAMPLE_GRID },
      { parentPath: '示范路/8号/1号楼', level: '单元', name: '1单元', unitNo: '1' },
      { parentPath: '示范路/8号/1号楼/1单元', level: '房间', name: '101室', floor: '1', room: '101' },
    ];
  }
  return [{}];
}

function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

export async function buildTemplate(register: RegisterName): Promise<Buffer> {
  const columns = COLUMNS[register];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wangge';
  const ws = wb.addWorksheet(SHEET_NAMES[register], { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = columns.map((c) => ({
    key: c.field,
    width: c.width ?? 14,
    ...(c.text ? { style: { numFmt: '@' } } : {}),
  }));
  const header = ws.addRow(columns.map((c) => (c.required ? `${c.header}*` : c.header)));
  header.font = { bold: true };
  const hints = ws.addRow(columns.map((c) => c.hint));
  hints.font = { italic: true, color: { argb: 'FF808080' } };
  for (const example of exampleRows(register)) ws.addRow(columns.map((c) => example[c.field] ?? c.example));
  columns.forEach((c, i) => {
    const letter = columnLetter(i + 1);
    ws.getCell(`${letter}1`).note =
      `${c.hint}${c.options ? `\n${c.options.map((o) => `${o.labelZh} = ${o.labelEn}`).join('\n')}` : ''}`;
    if (!c.options) return;
    // Runtime API of exceljs 4 (a range, written as one sqref), missing from its type declarations.
    (
      ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
    ).dataValidations.add(`${letter}3:${letter}${VALIDATED_ROWS}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.options.map((o) => o.labelZh).join(',')}"`],
      showErrorMessage: true,
      errorTitle: c.header,
      error: `请从列表中选择 (choose from the list)`,
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
