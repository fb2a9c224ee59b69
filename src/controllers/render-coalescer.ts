/**
 * Bursts are coalesced into one render per animation frame: a voice call can
 * stream hundreds of updates a second, each its own socket.io frame, and the
 * state takes each at once while the screen is drawn once a frame: the first
 * update of a frame renders after the socket frames already queued, a later
 * one with the next frame. A hidden page has no frames; a timer stands in for
 * them there. The element awaits {@link RenderCoalescer.beforeUpdate} in its
 * `scheduleUpdate`.
 */
export class RenderCoalescer {
  #renderedInFrame = false;

  /** Resolves when the next render may run. */
  async beforeUpdate(): Promise<void> {
    // the frames already queued join this render; a second render in one frame waits for the next
    await (this.#renderedInFrame ? nextFrame() : nextTask());
    if (!this.#renderedInFrame) {
      this.#renderedInFrame = true;
      requestAnimationFrame(() => (this.#renderedInFrame = false));
    }
  }
}

/** The next task: whatever the network has already queued runs first. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });
}

/** The next animation frame, or 100 ms when the page draws none (hidden). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
