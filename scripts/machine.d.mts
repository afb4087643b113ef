export interface Machine { cpu: string; cores: number; node: string; loadAverage: string }
export function machine(): Machine;
export function machineLine(): string;
