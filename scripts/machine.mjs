/**
 * What a figure was measured on: CPU model, cores, Node version and load average. Printed with every
 * benchmark figure (the machine is shared, so absolute numbers need it).
 */
import os from 'node:os';

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown CPU',
    cores: cpus.length,
    node: process.version,
    loadAverage: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

export function machineLine() {
  const m = machine();
  return `${m.cpu}, ${m.cores} cores, Node ${m.node}, load average ${m.loadAverage}`;
}
