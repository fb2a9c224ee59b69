// (moved to internal/define.ts; this re-export goes once nothing imports it here)
export * from './internal/define.js';
