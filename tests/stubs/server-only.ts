// Vitest runs server modules in Node directly; the real package throws outside React Server Components.
export {};
