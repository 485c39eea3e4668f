// The SSRF guard: which addresses the crawler must never reach, checked after DNS, on every redirect hop and at connect time.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { redactUrl } from "./redact-url.js";

/** Node's `dns.lookup` signature (as `net.connect` takes it): tests pass a stub, never real DNS. */
export type { LookupFunction };

/** Refused: the URL, or an address its host resolved to, is not on the public internet. Never worth a retry. */
export class SsrfError extends Error {
  readonly kind = "blocked" as const;
  readonly retryable = false;
  readonly url: string;
  readonly host: string;
  /** The address that was refused: the host itself when it is an IP literal, else what it resolved to. */
  readonly address: string | undefined;
  readonly reason: string;

  constructor(init: { url: string; host: string; address?: string; reason: string }) {
    const via = init.address && init.address !== init.host ? ` resolves to ${init.address}` : "";
    super(`refused ${redactUrl(init.url)}: ${init.host}${via} (${init.reason}); set CATALOG_ALLOW_PRIVATE_NETWORK=1 to allow`);
    this.name = "SsrfError";
    this.url = init.url;
    this.host = init.host;
    this.address = init.address;
    this.reason = init.reason;
  }
}

// Specific hosts first, so the reason names what an attacker would be after.
const METADATA_ADDRESSES = new Set([
  "169.254.169.254", // AWS, GCP, Azure, OpenStack, Oracle
  "169.254.170.2", // ECS task metadata
  "169.254.170.23", // EKS pod identity
  "100.100.100.200", // Alibaba Cloud
  "fd00:ec2::254", // AWS over IPv6
  "fd00:ec2::23", // EKS pod identity over IPv6
]);

type Rule = [network: string, prefix: number, reason: string];

const IPV4_RULES: Rule[] = [
  ["255.255.255.255", 32, "broadcast"],
  ["0.0.0.0", 8, "unspecified / this network"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "carrier-grade NAT"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved (IETF protocol assignments)"],
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "reserved (6to4 relay)"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

const IPV6_RULES: Rule[] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["64:ff9b:1::", 48, "local-use NAT64"],
  ["100::", 64, "discard"],
  ["2001::", 32, "Teredo tunnel"],
  ["2001:db8::", 32, "documentation"],
  ["3fff::", 20, "documentation"],
  ["fc00::", 7, "unique local (private)"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "site-local (deprecated)"],
  ["ff00::", 8, "multicast"],
];

function compile(rules: Rule[], type: "ipv4" | "ipv6") {
  return rules.map(([network, prefix, reason]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, type);
    return { list, reason };
  });
}

const V4 = compile(IPV4_RULES, "ipv4");
const V6 = compile(IPV6_RULES, "ipv6");
const GLOBAL_UNICAST = new BlockList();
GLOBAL_UNICAST.addSubnet("2000::", 3, "ipv6");

/** Eight 16-bit groups of a valid IPv6 address (dotted-quad tail allowed). */
function ipv6Groups(addr: string): number[] {
  let text = addr.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const parse = (s: string | undefined) => (s ? s.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const zeros = tail === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right];
}

function v4FromGroups(hi: number, lo: number): string {
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** The IPv4 address an IPv6 address carries and reaches (mapped, compatible, NAT64, 6to4), if any. */
function embeddedIpv4(addr: string): { v4: string; form: string } | undefined {
  const g = ipv6Groups(addr);
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zero(0, 5) && g[5] === 0xffff) return { v4: v4FromGroups(g[6]!, g[7]!), form: "IPv4-mapped IPv6" };
  // ::a.b.c.d (deprecated IPv4-compatible); :: and ::1 are their own rules.
  if (zero(0, 6) && !(g[6] === 0 && g[7]! <= 1)) return { v4: v4FromGroups(g[6]!, g[7]!), form: "IPv4-compatible IPv6" };
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6)) return { v4: v4FromGroups(g[6]!, g[7]!), form: "NAT64" };
  if (g[0] === 0x2002) return { v4: v4FromGroups(g[1]!, g[2]!), form: "6to4" };
  return undefined;
}

// The IPv6 metadata addresses in a spelling-independent form (fd00:ec2:0::254 is fd00:ec2::254). Told apart
// by their colons, not isIP: its first IPv6 answer compiles Node's IPv6 pattern, about 17 ms of CPU at every start.
const METADATA_V6 = new Set([...METADATA_ADDRESSES].filter((a) => a.includes(":")).map((a) => ipv6Groups(a).join(":")));

function ipv4Reason(addr: string): string | undefined {
  if (METADATA_ADDRESSES.has(addr)) return "cloud metadata";
  return V4.find((r) => r.list.check(addr, "ipv4"))?.reason;
}

/** Why an IP address is not public, or undefined when it is. Anything that is not an IP address is refused. */
export function isBlockedAddress(ip: string): string | undefined {
  const addr = ip.trim().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(addr);
  if (family === 4) return ipv4Reason(addr);
  if (family !== 6) return "not an IP address";
  if (METADATA_V6.has(ipv6Groups(addr).join(":"))) return "cloud metadata";
  const embedded = embeddedIpv4(addr);
  if (embedded) {
    const reason = ipv4Reason(embedded.v4);
    return reason ? `${reason} (${embedded.v4} as ${embedded.form})` : undefined;
  }
  const rule = V6.find((r) => r.list.check(addr, "ipv6"));
  if (rule) return rule.reason;
  if (!GLOBAL_UNICAST.check(addr, "ipv6")) return "reserved (outside global unicast 2000::/3)";
  return undefined;
}

// Names that mean "this machine" or "this cloud" whatever DNS says about them.
const BLOCKED_HOSTNAMES = new Set(["localhost", "metadata", "metadata.google.internal", "instance-data", "instance-data.ec2.internal"]);

function blockedHostname(host: string): string | undefined {
  if (BLOCKED_HOSTNAMES.has(host)) return host.startsWith("localhost") ? "loopback host name" : "cloud metadata host name";
  if (host.endsWith(".localhost")) return "loopback host name";
  if (host.endsWith(".internal") || host.endsWith(".local")) return "internal host name";
  return undefined;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "").toLowerCase().replace(/\.$/, "");
}

const defaultLookup = dnsLookup as unknown as LookupFunction;

/** Every address `host` resolves to; a lookup that answers in the one-address form is accepted too. */
export function resolveAll(host: string, lookup: LookupFunction = defaultLookup): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    lookup(host, { all: true }, (err, address, family) => {
      if (err) return reject(err);
      const list = typeof address === "string" ? [{ address, family: family ?? isIP(address) }] : address;
      if (list.length === 0) return reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}: no addresses`), { code: "ENOTFOUND", hostname: host }));
      resolve(list);
    }),
  );
}

export interface GuardOptions {
  /** Resolver with dns.lookup's signature; defaults to dns.lookup. */
  lookup?: LookupFunction;
  /** Turns the address checks off (CATALOG_ALLOW_PRIVATE_NETWORK=1); the scheme check stays. */
  allowPrivateNetwork: boolean;
  /** Host names or IP literals let through whatever they resolve to: a registry mirror on the private network. */
  trustedHosts?: readonly string[];
}

function trusted(host: string, opts: GuardOptions): boolean {
  return !!opts.trustedHosts?.some((t) => t.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "") === host);
}

/**
 * Throws SsrfError unless the URL is http(s) and every address its host resolves to is public.
 * WHATWG URL parsing already turns decimal, hex, octal and short IPv4 forms (http://2130706433/,
 * http://0x7f000001/, http://0177.0.0.1/, http://127.1/) into dotted quads, so they meet the same
 * check as the plain form. DNS failures are rethrown as they are (they are network errors, not refusals).
 */
export async function assertUrlAllowed(url: string | URL, opts: GuardOptions): Promise<void> {
  const u = typeof url === "string" ? new URL(url) : url;
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new SsrfError({ url: u.toString(), host: u.protocol, reason: "only http and https are crawled" });
  }
  if (opts.allowPrivateNetwork) return;
  const host = hostOf(u);
  if (trusted(host, opts)) return;
  const nameReason = blockedHostname(host);
  if (nameReason) throw new SsrfError({ url: u.toString(), host, reason: nameReason });
  if (isIP(host)) {
    const reason = isBlockedAddress(host);
    if (reason) throw new SsrfError({ url: u.toString(), host, address: host, reason });
    return;
  }
  for (const a of await resolveAll(host, opts.lookup)) {
    const reason = isBlockedAddress(a.address);
    if (reason) throw new SsrfError({ url: u.toString(), host, address: a.address, reason });
  }
}

/**
 * A `lookup` for undici's connector (net.connect) that refuses private answers at connect time, so a
 * name that resolved to a public address during the check cannot rebind to a private one for the
 * connection. Every address of the answer is checked, not only the one connected to.
 */
export function guardedLookup(opts: GuardOptions): LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(hostname, opts.lookup).then(
      (all) => {
        if (!opts.allowPrivateNetwork && !trusted(hostname.toLowerCase().replace(/\.$/, ""), opts)) {
          for (const a of all) {
            const reason = isBlockedAddress(a.address);
            if (reason) return callback(new SsrfError({ url: `//${hostname}`, host: hostname, address: a.address, reason }) as NodeJS.ErrnoException, "", 0);
          }
        }
        const family = options.family === 4 || options.family === 6 ? options.family : undefined;
        const wanted = family ? all.filter((a) => a.family === family) : all;
        if (options.all) return callback(null, wanted);
        const first = wanted[0];
        if (!first) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), "", 0);
        callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, "", 0),
    );
  };
}
