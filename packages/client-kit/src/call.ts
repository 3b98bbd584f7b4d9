/** setTimeout fires at once for delays above this, so longer limits mean "no limit". */
const MAX_TIMER = 2_147_483_647;

export interface CallLimits {
  /** Ends the call when it aborts; the call then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Milliseconds the call may take. */
  timeoutMs: number;
}

export interface CallFailures {
  /** The error for a call that outlived `timeoutMs`. */
  timeout(timeoutMs: number): Error;
  /** The error for a call that got no answer (`cause` is what the fetch threw). */
  network(cause: unknown): Error;
}

/**
 * Runs one request with a time limit and the caller's signal. The call ends when the answer
 * comes, when the time is up or when the caller aborts, whether or not the `fetch` in use
 * honours the signal `run` is given.
 */
export async function callWithin<T>(
  limits: CallLimits,
  run: (signal: AbortSignal) => Promise<T>,
  failures: CallFailures,
): Promise<T> {
  const { signal: caller, timeoutMs } = limits;
  caller?.throwIfAborted();
  const controller = new AbortController();
  let timedOut = false;
  let stop: ((reason: unknown) => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  const onAbort = () => {
    controller.abort(caller?.reason);
    stop?.(caller?.reason);
  };
  const timer =
    timeoutMs < MAX_TIMER
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
          stop?.(undefined);
        }, timeoutMs)
      : undefined;
  caller?.addEventListener('abort', onAbort, { once: true });
  try {
    return await Promise.race([run(controller.signal), stopped]);
  } catch (cause) {
    if (caller?.aborted) throw caller.reason;
    if (timedOut) throw failures.timeout(timeoutMs);
    throw failures.network(cause);
  } finally {
    clearTimeout(timer);
    caller?.removeEventListener('abort', onAbort);
  }
}
