/** One answer as the server sent it: what the scenarios compare the client's results with. */
export interface TappedAnswer {
  method: string;
  /** Path and query of the request. */
  target: string;
  status: number;
  /** The answer's body, as text. */
  body: string;
}

/**
 * Wraps a `fetch` and keeps a copy of each answer's body, read from a clone, so that the caller
 * gets the answer untouched.
 */
export function tapFetch(inner: typeof globalThis.fetch) {
  const answers: TappedAnswer[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await inner(input, init);
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : String(input));
    answers.push({
      method: (init?.method ?? request?.method ?? 'GET').toUpperCase(),
      target: `${url.pathname}${url.search}`,
      status: response.status,
      body: await response.clone().text(),
    });
    return response;
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    answers,
    /** The last answer seen; throws when there is none. */
    last(): TappedAnswer {
      const answer = answers.at(-1);
      if (!answer) throw new Error('no answer has been seen yet');
      return answer;
    },
  };
}
