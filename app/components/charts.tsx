/**
 * Server-rendered SVG charts: no chart library, nothing to load, readable with JavaScript
 * off. Each chart has a text alternative and the numbers sit in a table beside it.
 */
type Bar = { label: string; value: number; suppressed?: boolean };

export function BarChart({ title, bars, unit }: { title: string; bars: Bar[]; unit: string }) {
  const width = 640;
  const rowHeight = 26;
  const labelWidth = 170;
  const max = Math.max(1, ...bars.filter((b) => !b.suppressed).map((b) => b.value));
  const height = bars.length * rowHeight + 10;
  return (
    <figure className="chart">
      <svg role="img" aria-label={`${title}の棒グラフ（数値は下の表にあります）`} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }}>
        {bars.map((b, i) => {
          const y = i * rowHeight + 5;
          const w = b.suppressed ? 0 : Math.round(((width - labelWidth - 90) * b.value) / max);
          return (
            <g key={b.label}>
              <text x={labelWidth - 8} y={y + 16} textAnchor="end" fontSize="13" fill="#1a1a1a">
                {b.label.length > 12 ? `${b.label.slice(0, 12)}…` : b.label}
              </text>
              <rect x={labelWidth} y={y + 3} width={w} height={rowHeight - 8} fill="#00578a" />
              <text x={labelWidth + w + 6} y={y + 16} fontSize="13" fill="#1a1a1a">
                {b.suppressed ? "秘匿" : `${b.value.toLocaleString("ja-JP")}${unit}`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">{title}</figcaption>
    </figure>
  );
}

type Series = { label: string; points: { x: string; y: number | null }[] };

/** A small line chart of indicator values over the plan years, with the target as a line. */
export function TrendChart({ title, series, target, min, max }: { title: string; series: Series; target: number; min: number; max: number }) {
  const width = 420;
  const height = 180;
  const pad = { left: 40, right: 16, top: 12, bottom: 28 };
  const n = series.points.length;
  const x = (i: number) => pad.left + (n <= 1 ? 0 : (i * (width - pad.left - pad.right)) / (n - 1));
  const y = (v: number) => pad.top + ((max - v) * (height - pad.top - pad.bottom)) / (max - min || 1);
  const known = series.points.map((p, i) => ({ ...p, i })).filter((p) => p.y !== null) as { x: string; y: number; i: number }[];
  return (
    <figure className="chart">
      <svg role="img" aria-label={`${title}の推移（数値は表にあります）`} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }}>
        <line x1={pad.left} x2={width - pad.right} y1={y(target)} y2={y(target)} stroke="#b3261e" strokeDasharray="6 4" />
        <text x={width - pad.right} y={y(target) - 4} textAnchor="end" fontSize="11" fill="#b3261e">
          目標 {target}
        </text>
        <text x={pad.left - 6} y={y(max) + 4} textAnchor="end" fontSize="11" fill="#555">
          {max}
        </text>
        <text x={pad.left - 6} y={y(min)} textAnchor="end" fontSize="11" fill="#555">
          {min}
        </text>
        {series.points.map((p, i) => (
          <text key={p.x} x={x(i)} y={height - 8} textAnchor="middle" fontSize="11" fill="#1a1a1a">
            {p.x}
          </text>
        ))}
        {known.length > 1 ? (
          <polyline fill="none" stroke="#00578a" strokeWidth="2" points={known.map((p) => `${x(p.i)},${y(p.y)}`).join(" ")} />
        ) : null}
        {known.map((p) => (
          <g key={p.x}>
            <circle cx={x(p.i)} cy={y(p.y)} r="4" fill="#00578a" />
            <text x={x(p.i)} y={y(p.y) - 8} textAnchor="middle" fontSize="11" fill="#1a1a1a">
              {p.y}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="muted">{title}</figcaption>
    </figure>
  );
}
