import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Card, Empty, Space, Table, Tooltip as AntTooltip } from 'antd';
import { DownloadOutlined, TableOutlined, BarChartOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
// Chart.js by its parts (tree-shaken): only the controllers, elements and scales these charts use.
// This module is imported by the indicator pages only, so the library arrives with them.
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { csvFileName, saveText, toCsv } from '../../lib/csv';
import { useLang } from '../../lib/hooks';
import { displayValue, hasData, seriesHeader, specTable, type ChartSpec } from './chartSpec';

Chart.register(ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

const PALETTE = ['#1656d8', '#13a8a8', '#fa8c16', '#722ed1', '#52c41a', '#eb2f96', '#faad14', '#2f54eb', '#a0d911', '#8c8c8c'];

/** Canvas height: horizontal bars grow with their categories so every label stays readable. */
function heightOf(spec: ChartSpec): number {
  if (spec.kind === 'hbar') return Math.max(180, 28 * spec.labels.length + 60);
  return spec.kind === 'doughnut' ? 260 : 280;
}

function configOf(spec: ChartSpec, lang: 'zh' | 'en', units: { wan: string; pct: string }): ChartConfiguration {
  const nf = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 });
  const doughnut = spec.kind === 'doughnut';
  const drawn = spec.plot ? spec.plot.map((i) => spec.series[i]!).filter(Boolean) : spec.series;
  const datasets = drawn.map((s, i) => {
    const colour = PALETTE[i % PALETTE.length]!;
    return {
      label: seriesHeader(s, units),
      data: s.values.map((v) => displayValue(s, v)),
      backgroundColor: doughnut ? spec.labels.map((_, j) => PALETTE[j % PALETTE.length]!) : spec.kind === 'line' ? colour : colour + 'cc',
      borderColor: doughnut ? '#fff' : colour,
      borderWidth: spec.kind === 'line' ? 2 : 1,
      tension: 0.25,
      pointRadius: spec.kind === 'line' ? 3 : undefined,
    };
  });
  const horizontal = spec.kind === 'hbar';
  return {
    type: doughnut ? 'doughnut' : spec.kind === 'line' ? 'line' : 'bar',
    data: { labels: spec.labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: horizontal ? 'y' : 'x',
      locale: lang === 'zh' ? 'zh-CN' : 'en-US',
      plugins: {
        legend: { display: doughnut || drawn.length > 1, position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label ?? ''}: ${nf.format(Number(ctx.raw))}` } },
      },
      scales: doughnut
        ? {}
        : {
            x: { stacked: !!spec.stacked, beginAtZero: true, ticks: { autoSkip: true, maxRotation: 45 } },
            y: { stacked: !!spec.stacked, beginAtZero: true, ticks: { autoSkip: !horizontal } },
          },
    },
  } as ChartConfiguration;
}

/** One chart in a card: the canvas (or its table), and its figures as CSV. */
export function ChartCard({ spec, extra }: { spec: ChartSpec; extra?: React.ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [asTable, setAsTable] = useState(false);
  const canvas = useRef<HTMLCanvasElement>(null);
  const units = useMemo(() => ({ wan: t('indicators.unit.wan'), pct: t('indicators.unit.pct'), code: t('indicators.unit.code') }), [t]);
  const filled = hasData(spec);

  useEffect(() => {
    if (asTable || !filled || !canvas.current) return;
    const chart = new Chart(canvas.current, configOf(spec, lang, units));
    return () => chart.destroy();
  }, [spec, lang, units, asTable, filled]);

  const table = specTable(spec, units);
  const download = () => saveText(toCsv(table.header, table.rows), csvFileName(spec.id, spec.title));
  const summary = t('indicators.chartSummary', { title: spec.title, count: spec.labels.length });

  return (
    <Card
      className="tb-ind-card"
      title={<h3 className="tb-ind-card-title">{spec.title}</h3>}
      data-testid={`chart-${spec.id}`}
      extra={
        <Space size={4}>
          {extra}
          <AntTooltip title={asTable ? t('indicators.showChart') : t('indicators.showTable')}>
            <Button
              size="small"
              type="text"
              icon={asTable ? <BarChartOutlined /> : <TableOutlined />}
              aria-label={`${asTable ? t('indicators.showChart') : t('indicators.showTable')}：${spec.title}`}
              aria-pressed={asTable}
              onClick={() => setAsTable((v) => !v)}
            />
          </AntTooltip>
          <Button size="small" icon={<DownloadOutlined />} onClick={download} aria-label={`${t('indicators.downloadCsv')}：${spec.title}`} data-testid="chart-csv">
            CSV
          </Button>
        </Space>
      }
    >
      {!filled ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('indicators.noData')} />
      ) : asTable ? (
        <div className="tb-ind-table-wrap">
          <Table
            size="small"
            rowKey={(r) => String(r.key)}
            pagination={false}
            dataSource={table.rows.map((r, i) => ({ key: spec.codes[i] ?? i, row: r }))}
            columns={table.header.slice(1).map((h, c) => ({
              title: h,
              key: String(c),
              align: c === 0 ? 'left' : 'right',
              render: (_: unknown, r: { row: (string | number | null | undefined)[] }) => {
                const v = r.row[c + 1];
                return typeof v === 'number' ? new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 }).format(v) : v;
              },
            }))}
          />
        </div>
      ) : (
        <div className="tb-ind-canvas" style={{ height: heightOf(spec) }}>
          <canvas ref={canvas} role="img" aria-label={summary} data-points={spec.labels.length} />
        </div>
      )}
      {spec.note && <div className="tb-ind-note">{spec.note}</div>}
    </Card>
  );
}
