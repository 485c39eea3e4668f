// Two stages in order with a fixed bound between them: the next items are produced while this one is consumed.

/**
 * Consumes `items` in order, asking for the next ones while an item is consumed, with at most
 * `inFlight` items between being asked for and consumed (the one being consumed included): memory
 * holds that many, whatever the length of the stream. A producer failure surfaces after the items
 * before it are consumed; on any failure `stop` is called (to cancel work under way), what was asked
 * for is settled, and the producer is closed before the error is rethrown.
 */
export async function pipeline<T>(items: AsyncIterator<T>, o: { inFlight: number; consume: (item: T) => Promise<void>; stop?: () => void }): Promise<void> {
  if (!Number.isInteger(o.inFlight) || o.inFlight < 1) throw new RangeError(`inFlight must be a whole number from 1; got ${o.inFlight}`);
  const ahead: Promise<IteratorResult<T>>[] = [];
  let exhausted = false;
  const ask = () => {
    // An async generator queues these calls and runs them one after another.
    const next = items.next();
    next.then((r) => (exhausted ||= !!r.done), () => (exhausted = true));
    ahead.push(next);
  };
  try {
    for (;;) {
      while (!exhausted && ahead.length < o.inFlight) ask();
      const r = await ahead.shift();
      if (!r || r.done) return;
      // While this item is consumed, the ones asked for after it are being produced.
      await o.consume(r.value);
    }
  } catch (e) {
    o.stop?.();
    throw e;
  } finally {
    await Promise.allSettled(ahead);
    await items.return?.();
  }
}
