/**
 * engine.io's long-polling (XMLHttpRequest) and WebTransport transports, loaded
 * only when a `transports` attribute asks for one (engine-transports.ts); in
 * the single script, its sibling file `acw-transports.js`.
 */
export { XHR, WebTransport } from 'socket.io-client';
