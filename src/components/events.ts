// (moved to src/events/events.ts; this re-export goes once nothing imports it here)
export * from '../events/events.js';
