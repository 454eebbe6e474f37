// The monthly assessment report as PDF (issue 13 §8), for the review meeting and the notice board:
// the same figures as the .xlsx (report.ts monthlyReportData), laid out on A4 with the grade
// distribution as a bar chart. Chinese text needs a CJK font: WANGGE_PDF_FONT names one, else the
// usual Debian/Ubuntu/CentOS paths are tried; without any the report is a 503 naming the setting.
import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { chinaMinute, watermark } from '../registers/privacy/watermark.ts';
import type { MonthlyReportData } from './report.ts';

/** Font files tried in order, with the face to take from a collection (.ttc). */
const FONT_CANDIDATES: { path: string; face?: string }[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', face: 'WenQuanYiZenHei' },
];

let cached: { data: Buffer; face?: string } | null = null;

/** The CJK font, read once (a collection is large; pdfkit embeds only the glyphs used). */
function cjkFont(configured: { path: string | null; face: string | null }): { data: Buffer; face?: string } {
  if (cached) return cached;
  const found = configured.path
    ? { path: configured.path, face: configured.face ?? undefined }
    : FONT_CANDIDATES.find((c) => existsSync(c.path));
  if (!found || !existsSync(found.path)) {
    throw new AppError(
      503,
      'pdf_font_missing',
      '服务器缺少中文字体，无法生成 PDF；请安装 fonts-noto-cjk 或设置 WANGGE_PDF_FONT (no CJK font for the PDF)',
      {
        setting: 'WANGGE_PDF_FONT',
        tried: configured.path ? [configured.path] : FONT_CANDIDATES.map((c) => c.path),
      },
    );
  }
  cached = { data: readFileSync(found.path), face: found.face };
  return cached;
}

const GRADES = ['A', 'B', 'C', 'D', 'E'] as const;
const GRADE_COLOUR: Record<string, string> = {
  A: '#389e0d',
  B: '#1677ff',
  C: '#d48806',
  D: '#d46b08',
  E: '#cf1322',
};
const MARGIN = 48;

export async function monthlyReportPdf(options: {
  data: MonthlyReportData;
  actor: Actor;
  at: Date;
  font: { path: string | null; face: string | null };
}): Promise<Buffer> {
  const { data, actor, at } = options;
  const font = cjkFont(options.font);
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, info: { Title: '考核月报' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('cjk', font.data, font.face);
  doc.font('cjk');

  const { workers, departments, dispatchers, scorecard, period } = data;
  const unit = workers.unit.name;
  const width = doc.page.width - MARGIN * 2;

  doc.fontSize(18).text(`${unit} ${period} 网格化服务管理考核月报`, { align: 'center' });
  doc
    .moveDown(0.3)
    .fontSize(10)
    .fillColor('#666')
    .text(
      `${workers.frozen ? '本月已冻结，数字不再变动' : '本月未冻结，数字可能随迟到的事件变动'} · 生成于 ${chinaMinute(at)}`,
      { align: 'center' },
    )
    .fillColor('black');

  heading(doc, '一、十佳网格员');
  table(
    doc,
    ['名次', '姓名', '所属网格', '综合得分', '等级'],
    [40, 90, 220, 80, 60],
    workers.topTen.map((i) => [
      i.rank ?? '',
      i.subject.name,
      i.subject.unitName,
      i.composite ?? '',
      i.grade ?? '',
    ]),
  );

  heading(doc, `二、网格员等级分布（共 ${workers.total} 人）`);
  const counts = GRADES.map((g) => workers.items.filter((i) => i.grade === g).length);
  barChart(doc, GRADES.map(String), counts, width);

  heading(doc, '三、下级单位指标');
  const shown = scorecard.indicators.slice(0, 4);
  table(
    doc,
    ['单位', ...shown.map((i) => i.name), '综合', '等级'],
    [110, ...shown.map(() => Math.floor((width - 110 - 100) / Math.max(shown.length, 1))), 50, 50],
    scorecard.rows.map((r) => [
      r.unit.name,
      ...shown.map((i) => r.values[i.code]?.value ?? '—'),
      r.composite ?? '—',
      r.grade ?? '—',
    ]),
  );

  heading(doc, '四、场所检查');
  const i = data.inspections;
  table(
    doc,
    ['检查次数', '发现隐患', '已整改', '整改率'],
    [110, 110, 110, 110],
    [[i.done, i.hazards, i.handled, i.handledRate === null ? '—' : `${i.handledRate}%`]],
  );
  heading(doc, '五、职能部门排名');
  rankingTable(doc, departments.items.slice(0, 15));
  heading(doc, '六、调度员排名');
  rankingTable(doc, dispatchers.items.slice(0, 15));
  heading(doc, `七、网格员考核排名（共 ${workers.total} 人）`);
  rankingTable(doc, workers.items, true);

  // Every page carries who exported it and when, as the .xlsx does.
  const mark = watermark('导出人', actor, at);
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    const bottom = doc.page.height - MARGIN / 2 - 10;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor('#999')
      .text(mark, MARGIN, bottom, { width: width - 80, lineBreak: false })
      .text(`第 ${p + 1} 页，共 ${range.count} 页`, MARGIN + width - 80, bottom, {
        width: 80,
        align: 'right',
        lineBreak: false,
      })
      .fillColor('black');
  }
  doc.end();
  return done;
}

function heading(doc: PDFKit.PDFDocument, text: string) {
  if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
  doc.moveDown(0.8).fontSize(13).text(text, MARGIN).moveDown(0.3).fontSize(9.5);
}

type Cell = string | number;

function table(doc: PDFKit.PDFDocument, header: string[], widths: number[], rows: Cell[][]) {
  const rowHeight = 16;
  const drawRow = (cells: Cell[], bold: boolean) => {
    if (doc.y + rowHeight > doc.page.height - MARGIN - 14) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    if (bold)
      doc
        .rect(
          MARGIN,
          y - 2,
          widths.reduce((a, b) => a + b, 0),
          rowHeight,
        )
        .fill('#f0f2f5');
    doc.fillColor('black');
    cells.forEach((cell, i) => {
      doc.text(String(cell), x + 2, y + 1, {
        width: widths[i]! - 4,
        height: rowHeight,
        ellipsis: true,
        lineBreak: false,
      });
      x += widths[i]!;
    });
    doc.x = MARGIN;
    doc.y = y + rowHeight;
  };
  drawRow(header, true);
  for (const row of rows) drawRow(row, false);
  if (rows.length === 0) doc.fillColor('#999').text('（无）', MARGIN).fillColor('black');
}

function rankingTable(doc: PDFKit.PDFDocument, items: MonthlyReportData['workers']['items'], talk = false) {
  table(
    doc,
    ['名次', '姓名/名称', '所属单位', '综合得分', '等级', ...(talk ? ['约谈'] : [])],
    [40, 100, 200, 70, 50, ...(talk ? [40] : [])],
    items.map((i) => [
      i.rank ?? '—',
      i.subject.name,
      i.subject.unitName,
      i.composite ?? '—',
      i.grade ?? '—',
      ...(talk ? [i.flaggedForTalk ? '是' : ''] : []),
    ]),
  );
}

/** Bars drawn as rectangles: no chart library on the server, and the figures sit on the bars. */
function barChart(doc: PDFKit.PDFDocument, labels: string[], values: number[], width: number) {
  const height = 110;
  if (doc.y + height + 30 > doc.page.height - MARGIN) doc.addPage();
  const top = doc.y + 6;
  const max = Math.max(1, ...values);
  const slot = Math.min(70, width / labels.length);
  labels.forEach((label, i) => {
    const h = Math.round((values[i]! / max) * height);
    const x = MARGIN + 20 + i * slot;
    doc.rect(x, top + height - h, slot * 0.6, h).fill(GRADE_COLOUR[label] ?? '#1677ff');
    doc
      .fillColor('black')
      .fontSize(9)
      .text(String(values[i]), x, top + height - h - 12, {
        width: slot * 0.6,
        align: 'center',
        lineBreak: false,
      })
      .text(`${label} 级`, x, top + height + 4, { width: slot * 0.6, align: 'center', lineBreak: false });
  });
  doc.x = MARGIN;
  doc.y = top + height + 24;
}
