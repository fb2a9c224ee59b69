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

export interface EndpointConfig {
  /** the Endpoint's URLToken (last path part of the Endpoint URL) */
  URLToken: string;
  name: string;
  /** plays the scripted demo conversation when a session first joins */
  demoScript: boolean;
  /** HS256 secret for workspace-link JWTs (`auth`), used when authentication is on */
  jwtSecret?: string;
  settings: AgentAssistSettings;
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

export function defaultEndpoints(): EndpointConfig[] {
  return [
    {
      URLToken: DEMO_URL_TOKEN,
      name: 'Card disputes (demo)',
      demoScript: true,
      settings: { ...DEFAULT_SETTINGS },
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
