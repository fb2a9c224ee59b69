import { createContext } from '@lit/context';
import type { WorkspaceState } from './reduce.js';

/** The current, immutable workspace snapshot, provided by `<acw-workspace>`. */
export const workspaceContext = createContext<WorkspaceState>(Symbol('acw-workspace-state'));
