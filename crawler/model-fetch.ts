// The fetch the model review's client calls with. The `openai` client's timeout ends once an answer's headers have
// arrived, so an endpoint (or a proxy before it) that sends them and then stalls or trickles the body held a run
// for as long as the socket stayed open; here each attempt's whole exchange, body included, ends within the timeout.

/** An answer that did not arrive whole in time: its message names the setting that bounds it. */
export class ModelTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out: no complete answer within ${timeoutMs} ms (CATALOG_LLM_TIMEOUT_MS)`);
    this.name = "ModelTimeoutError";
  }
}

/** `inner` with every exchange, from the request to the body's last byte, aborted past `timeoutMs`. */
export function deadlineFetch(timeoutMs: number, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new ModelTimeoutError(timeoutMs)), timeoutMs);
    // A body the client cancels unread (before a retry) never ends the timer: it must not hold the process open.
    timer.unref();
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline.signal]) : deadline.signal;
    try {
      const response = await inner(input, { ...init, signal });
      if (!response.body) {
        clearTimeout(timer);
        return response;
      }
      const body = response.body.pipeThrough(new TransformStream({ flush: () => clearTimeout(timer) }));
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (e) {
      clearTimeout(timer);
      throw e;
    }
  };
}
