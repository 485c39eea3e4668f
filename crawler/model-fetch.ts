// The fetch the model review's client calls with. The `openai` client's timeout ends once an answer's headers have
// arrived, so an endpoint (or a proxy before it) that sends them and then stalls or trickles the body held a run
// for as long as the socket stayed open; here each attempt's whole exchange, body included, ends within the timeout.
// Nor does the client bound the body's size: an endpoint that streams without end (a model looping, a hostile
// proxy) would be read into memory until the timeout, so the body is cut past the most a batch's answer can need.

/** An answer that did not arrive whole in time: its message names the setting that bounds it. */
export class ModelTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out: no complete answer within ${timeoutMs} ms (CATALOG_LLM_TIMEOUT_MS)`);
    this.name = "ModelTimeoutError";
  }
}

/** An answer larger than its batch can need: its message names the settings that bound it. */
export class ModelAnswerTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`its answer was over ${maxBytes} bytes (CATALOG_LLM_ANSWER_BYTES_PER_TOOL × (CATALOG_LLM_BATCH + 1)), so it was not read to the end`);
    this.name = "ModelAnswerTooLargeError";
  }
}

/** The bounds of one exchange: the time from the request to the body's last byte, and the body's size. */
export interface AnswerBounds {
  timeoutMs: number;
  maxBytes: number;
}

/** `inner` with every exchange aborted past `timeoutMs`, or once its body (as it arrives, or as declared) passes `maxBytes`. */
export function boundedFetch({ timeoutMs, maxBytes }: AnswerBounds, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new ModelTimeoutError(timeoutMs)), timeoutMs);
    // A body the client cancels unread (before a retry) never ends the timer: it must not hold the process open.
    timer.unref();
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline.signal]) : deadline.signal;
    /** Ends the exchange (the rest is never downloaded) and hands back the error the body fails with. */
    const tooLarge = () => {
      clearTimeout(timer);
      const error = new ModelAnswerTooLargeError(maxBytes);
      deadline.abort(error);
      return error;
    };
    try {
      const response = await inner(input, { ...init, signal });
      if (!response.body) {
        clearTimeout(timer);
        return response;
      }
      const answer = (body: ReadableStream<Uint8Array>) => new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
      if (Number(response.headers.get("content-length")) > maxBytes) {
        const error = tooLarge();
        return answer(new ReadableStream({ start: (controller) => controller.error(error) }));
      }
      let bytes = 0;
      const body = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            bytes += chunk.byteLength;
            if (bytes > maxBytes) controller.error(tooLarge());
            else controller.enqueue(chunk);
          },
          flush: () => clearTimeout(timer),
        }),
      );
      return answer(body);
    } catch (e) {
      clearTimeout(timer);
      throw e;
    }
  };
}
