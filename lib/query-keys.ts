/** TanStack Query keys, from one module so invalidation matches reads. */
export const queryKeys = {
  patients: (q: string) => ['patients', q] as const,
};
