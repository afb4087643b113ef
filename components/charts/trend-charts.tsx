'use client';
/** Small-multiple line charts of the key labs across assessments (Recharts), with a table for screen readers. */
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface TrendSeries {
  analyte: string;
  label: string;
  unit: string;
  points: { asOf: string; value: number }[];
}

export function TrendCharts({ series }: { series: TrendSeries[] }) {
  const shown = series.filter((s) => s.points.length > 0);
  if (shown.length === 0) return <p>No ferritin, TSAT, eGFR, HbA1c or TSH values recorded yet.</p>;
  return (
    <div className="trends">
      {shown.map((s) => (
        <figure key={s.analyte} className="trend" data-trend={s.analyte}>
          <figcaption>{s.label} ({s.unit})</figcaption>
          <div aria-hidden="true" style={{ width: '100%', height: 140 }}>
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={s.points} margin={{ top: 8, right: 12, bottom: 4, left: 0 }} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="asOf" fontSize={11} />
                <YAxis fontSize={11} width={44} />
                <Tooltip />
                <Line type="monotone" dataKey="value" stroke="#0b5394" strokeWidth={2} dot isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <table className="visually-hidden">
            <caption>{s.label} by assessment date</caption>
            <thead><tr><th scope="col">Date</th><th scope="col">{s.label} ({s.unit})</th></tr></thead>
            <tbody>{s.points.map((p) => <tr key={p.asOf + p.value}><td>{p.asOf}</td><td>{p.value}</td></tr>)}</tbody>
          </table>
        </figure>
      ))}
    </div>
  );
}
