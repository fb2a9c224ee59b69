/**
 * Endpoint settings of the reference endpoint. The names mirror the Cognigy
 * Endpoint API `handoverSettings.agentAssistSettings`. The settings file
 * (`endpoints.json` in the data folder) is parsed with {@link EndpointsFile}:
 * a file that does not parse stops the start with one line naming the file
 * and the problem (fail closed: never defaults in place of a configuration).
 */
import { z } from 'zod';
import type { TokenPolicy } from './jwt.js';

export const COPILOT_TYPES = ['none', 'workspace', 'whisper'] as const;
export type CopilotType = (typeof COPILOT_TYPES)[number];

export interface AgentAssistSettings {
  copilotType: CopilotType;
  enableTranscriptTile: boolean;
  enableTranscriptTileChatInput: boolean;
  redactTranscriptTileMessages: boolean;
  enableAgentCopilotAuthentication: boolean;
  blockNonJWTRequests: boolean;
}

/**
 * What one endpoint allows, so that no client can flood it (an extension of
 * the reference endpoint; not part of the Cognigy settings).
 */
export interface EndpointLimits {
  /** agent replies (`sendMessage`) one socket may send per window */
  messagesPerSocket: number;
  /** agent replies all sockets of one session may send per window */
  messagesPerSession: number;
  /** postbacks (`sendPostbackAction`) one socket may send per window */
  postbacksPerSocket: number;
  /** the window of the three limits above, ms */
  windowMs: number;
  /** sessions an endpoint holds at the most (a join that would open one more is refused) */
  maxSessions: number;
  /** messages a session's transcript holds at the most (more agent replies are refused) */
  maxHistory: number;
  /** the largest frame a client may send, bytes of JSON (a larger one is refused with a reason) */
  maxFrameBytes: number;
  /** postbacks all sockets of one session may send per window */
  postbacksPerSession: number;
  /**
   * joins one socket may make per window (each replays the whole session to
   * it: re-joining is the cheapest way to make the endpoint send megabytes)
   */
  joinsPerSocket: number;
  /** bytes a session's journal may hold (more replies and postbacks are refused: `session-full`) */
  maxSessionBytes: number;
  /** bytes the clients of one endpoint may have written per window, all sessions together */
  writeBytesPerWindow: number;
  /**
   * ms after which a session that no socket holds and no agent acted in may
   * be forgotten to make room when the endpoint is at `maxSessions`
   */
  sessionIdleMs: number;
}

export const DEFAULT_LIMITS: EndpointLimits = {
  messagesPerSocket: 20,
  messagesPerSession: 40,
  postbacksPerSocket: 30,
  windowMs: 10_000,
  maxSessions: 500,
  maxHistory: 5_000,
  maxFrameBytes: 64 * 1024,
  postbacksPerSession: 60,
  joinsPerSocket: 10,
  maxSessionBytes: 4 * 1024 * 1024,
  writeBytesPerWindow: 1024 * 1024,
  sessionIdleMs: 60_000,
};

/** The largest `maxFrameBytes` an endpoint may set (socket.io's own buffer is a little larger). */
export const MAX_FRAME_BYTES_CEILING = 1024 * 1024;

export interface EndpointConfig {
  /** the Endpoint's URLToken (last path part of the Endpoint URL) */
  URLToken: string;
  name: string;
  /** plays the scripted demo conversation when a session first joins */
  demoScript: boolean;
  /** what the demo conversation is: a chat (default) or a voice call transcribed as it is spoken */
  channel?: 'chat' | 'voice';
  /** HS256 secret for workspace-link JWTs (`auth`), used when authentication is on */
  jwtSecret?: string;
  settings: AgentAssistSettings;
  /** default: {@link DEFAULT_LIMITS} */
  limits?: Partial<EndpointLimits>;
  /**
   * How workspace-link JWTs are checked besides their signature: `aud` and
   * `iss` required when named, the longest lifetime (exp − iat, and exp −
   * now). Default: exp required, at most a day, no audience or issuer.
   */
  jwt?: TokenPolicy;
}

const positive = z.number().int().positive();
const Limits = z.strictObject({
  messagesPerSocket: positive.optional(),
  messagesPerSession: positive.optional(),
  postbacksPerSocket: positive.optional(),
  windowMs: positive.optional(),
  maxSessions: positive.optional(),
  maxHistory: positive.optional(),
  maxFrameBytes: positive.max(MAX_FRAME_BYTES_CEILING).optional(),
  postbacksPerSession: positive.optional(),
  joinsPerSocket: positive.optional(),
  maxSessionBytes: positive.optional(),
  writeBytesPerWindow: positive.optional(),
  sessionIdleMs: positive.optional(),
});

const Settings = z.strictObject({
  copilotType: z.enum(COPILOT_TYPES),
  enableTranscriptTile: z.boolean(),
  enableTranscriptTileChatInput: z.boolean(),
  redactTranscriptTileMessages: z.boolean(),
  enableAgentCopilotAuthentication: z.boolean(),
  blockNonJWTRequests: z.boolean(),
});

const Endpoint = z
  .strictObject({
    URLToken: z.string().min(1).max(256),
    name: z.string(),
    demoScript: z.boolean(),
    channel: z.enum(['chat', 'voice']).optional(),
    jwtSecret: z.string().min(16).optional(),
    settings: Settings,
    limits: Limits.optional(),
    jwt: z
      .strictObject({
        audience: z.string().min(1).optional(),
        issuer: z.string().min(1).optional(),
        maxLifetimeS: positive.optional(),
      })
      .optional(),
  })
  .refine((e) => !e.settings.enableAgentCopilotAuthentication || e.jwtSecret !== undefined, {
    message: 'authentication is on but there is no jwtSecret',
    path: ['jwtSecret'],
  });

/** The settings file: a non-empty list of endpoints with distinct URLTokens. */
export const EndpointsFile = z
  .array(Endpoint)
  .min(1, 'it lists no endpoint')
  .refine((list) => new Set(list.map((e) => e.URLToken)).size === list.length, {
    message: 'two endpoints have the same URLToken',
  });

/**
 * Parses the settings file's text: its endpoints, or one line saying what is
 * wrong (naming the place, never a value: the file holds secrets).
 */
export function parseEndpointsFile(
  text: string,
): { ok: true; endpoints: EndpointConfig[] } | { ok: false; problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'it is not JSON' };
  }
  const r = EndpointsFile.safeParse(raw);
  if (r.success) return { ok: true, endpoints: r.data as EndpointConfig[] };
  const issue = r.error.issues[0];
  const where = issue?.path.length ? `at ${issue.path.join('.')}: ` : '';
  return { ok: false, problem: `${where}${issue?.message ?? 'it is not a list of endpoints'}` };
}

/** An endpoint's limits, its own over the defaults. */
export function limitsOf(e: EndpointConfig): EndpointLimits {
  return { ...DEFAULT_LIMITS, ...e.limits };
}

/** Applies a partial limits patch: positive whole numbers only, unknown keys ignored. */
export function patchLimits(
  current: Partial<EndpointLimits> | undefined,
  patch: unknown,
): Partial<EndpointLimits> | undefined {
  if (typeof patch !== 'object' || patch === null) return current;
  const next: Partial<EndpointLimits> = { ...current };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof EndpointLimits)[]) {
    const v = (patch as Record<string, unknown>)[key];
    const max = key === 'maxFrameBytes' ? MAX_FRAME_BYTES_CEILING : Number.MAX_SAFE_INTEGER;
    if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 && v <= max) next[key] = v;
  }
  return next;
}

export const DEFAULT_SETTINGS: AgentAssistSettings = {
  copilotType: 'workspace',
  enableTranscriptTile: true,
  enableTranscriptTileChatInput: true,
  redactTranscriptTileMessages: true,
  enableAgentCopilotAuthentication: false,
  blockNonJWTRequests: false,
};

/** The demo endpoint: a 64-hex URLToken, as Cognigy Endpoint tokens are. */
export const DEMO_URL_TOKEN = 'ac0ffee5d3a7b2c1e9f80417d6b5a4c3928170fedcba98765432100123456789';

/** The voice demo endpoint: the same dispute on a phone call, transcribed as it is spoken. */
export const VOICE_URL_TOKEN = 'b01ce5d3a7b2c1e9f80417d6b5a4c3928170fedcba98765432100123456789ab';

export function defaultEndpoints(): EndpointConfig[] {
  return [
    {
      URLToken: DEMO_URL_TOKEN,
      name: 'Card disputes (demo)',
      demoScript: true,
      settings: { ...DEFAULT_SETTINGS },
    },
    {
      URLToken: VOICE_URL_TOKEN,
      name: 'Card disputes, voice call (demo)',
      demoScript: true,
      channel: 'voice',
      // a call has no chat box: the agent speaks
      settings: { ...DEFAULT_SETTINGS, enableTranscriptTileChatInput: false },
    },
  ];
}

/** Applies a partial settings patch, ignoring unknown keys and wrong types. */
export function patchSettings(current: AgentAssistSettings, patch: unknown): AgentAssistSettings {
  if (typeof patch !== 'object' || patch === null) return current;
  const p = patch as Record<string, unknown>;
  const next = { ...current };
  if (
    typeof p.copilotType === 'string' &&
    (COPILOT_TYPES as readonly string[]).includes(p.copilotType)
  ) {
    next.copilotType = p.copilotType as CopilotType;
  }
  for (const key of [
    'enableTranscriptTile',
    'enableTranscriptTileChatInput',
    'redactTranscriptTileMessages',
    'enableAgentCopilotAuthentication',
    'blockNonJWTRequests',
  ] as const) {
    const v = p[key];
    if (typeof v === 'boolean') next[key] = v;
  }
  return next;
}
