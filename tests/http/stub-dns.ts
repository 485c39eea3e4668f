// A stub resolver for the HTTP tests: names map to fixed answers (or one answer per call), anything else is ENOTFOUND. Never real DNS.
import type { LookupAddress } from "node:dns";
import { isIP } from "node:net";
import type { LookupFunction } from "../../crawler/ssrf.js";

export interface StubDns {
  lookup: LookupFunction;
  /** Every name asked for, in order. */
  calls: string[];
}

/** `answers[name]` is the address list, or a function of the call number (1-based, per name) for rebinding tests. */
export function stubDns(answers: Record<string, string[] | ((call: number) => string[])>): StubDns {
  const calls: string[] = [];
  const perName = new Map<string, number>();
  const lookup: LookupFunction = (hostname, options, callback) => {
    calls.push(hostname);
    const n = (perName.get(hostname) ?? 0) + 1;
    perName.set(hostname, n);
    const answer = answers[hostname];
    const list = typeof answer === "function" ? answer(n) : answer;
    setImmediate(() => {
      if (!list) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), "", 0);
      const addresses: LookupAddress[] = list.map((address) => ({ address, family: isIP(address) }));
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  return { lookup, calls };
}
