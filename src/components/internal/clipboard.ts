/** How a copy went: the async clipboard, the legacy command, or not at all (the text is left selected). */
export type CopyMethod = 'clipboard' | 'exec-command' | 'manual';

/**
 * Copies `text`. The async clipboard API is refused in frames whose embedder
 * did not delegate `clipboard-write` (a Genesys Script may not); then the
 * legacy copy command runs on a hidden textarea inside `root`, which works
 * with the user's click as activation; when even that is refused, the text is
 * left selected in `fallback` for the agent to copy by hand.
 */
export async function copyText(
  text: string,
  root: ShadowRoot,
  fallback?: HTMLTextAreaElement,
): Promise<CopyMethod> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return 'clipboard';
    }
  } catch {
    /* blocked by permissions policy or permission: fall through */
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  area.style.insetBlockStart = '0';
  root.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  if (ok) return 'exec-command';
  if (fallback) {
    fallback.value = text;
    fallback.focus();
    fallback.select();
  }
  return 'manual';
}
