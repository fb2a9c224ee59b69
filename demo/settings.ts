/**
 * Endpoint settings of the reference endpoint. The names mirror the Cognigy
 * Endpoint API `handoverSettings.agentAssistSettings`.
 */
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
}

export const DEFAULT_LIMITS: EndpointLimits = {
  messagesPerSocket: 20,
  messagesPerSession: 40,
  postbacksPerSocket: 30,
  windowMs: 10_000,
  maxSessions: 500,
  maxHistory: 5_000,
  maxFrameBytes: 64 * 1024,
};

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
    if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) next[key] = v;
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
