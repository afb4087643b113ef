// Temporary experiment: the same instances, the same page; one busy instance against three.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { signIn } from '../tests/faults/app';
const dir = process.argv[2]!;
const state = JSON.parse(readFileSync(`${dir}/cluster.json`, 'utf8'));
const cookie = await signIn(state.url, 'clinician@demo.test', 'demo-clinician-2026');
const pathOf = process.argv[3] ?? '/patients';
const cpu = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const total = () => state.instances.reduce((n: number, i: { pid: number }) => n + cpu(i.pid), 0);
const run = (port: number, connections: number, seconds: number) => autocannon({ url: `http://127.0.0.1:${port}${pathOf}`, connections, duration: seconds, headers: { cookie } });
for (const i of state.instances) await run(i.port, 4, 4);
for (let round = 0; round < 3; round++) {
  let c0 = total(); let r = await run(state.instances[0].port, 10, 10);
  const one = { rps: r.requests.average, cpu: (total() - c0) / r.requests.total };
  c0 = total();
  const rs = await Promise.all(state.instances.map((i: { port: number }, k: number) => run(i.port, k === 0 ? 4 : 3, 10)));
  const n = rs.reduce((s, x) => s + x.requests.total, 0);
  const three = { rps: rs.reduce((s, x) => s + x.requests.average, 0), cpu: (total() - c0) / n };
  console.log(`round ${round + 1}: one instance busy ${one.rps.toFixed(1)}/s ${one.cpu.toFixed(2)} ms CPU/req; three busy ${three.rps.toFixed(1)}/s ${three.cpu.toFixed(2)} ms CPU/req (${(three.cpu / one.cpu).toFixed(2)}×)`);
}
process.exit(0);
