// The SSRF guard: address classes, URL forms that smuggle them, names resolving to them, redirects and DNS rebinding.
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_HTTP_OPTIONS, HttpClient, HttpError, type HttpOptions } from "../../crawler/http.js";
import { assertUrlAllowed, isBlockedAddress, SsrfError } from "../../crawler/ssrf.js";
import { startLocalServer, type LocalServer } from "../helpers/local-server.js";
import { stubDns } from "./stub-dns.js";

const PUBLIC_V4 = "93.184.215.14";

describe("isBlockedAddress", () => {
  const blocked: [string, RegExp][] = [
    ["127.0.0.1", /loopback/],
    ["127.255.255.254", /loopback/],
    ["::1", /loopback/],
    ["10.0.0.1", /private/],
    ["10.255.255.255", /private/],
    ["172.16.0.1", /private/],
    ["172.31.255.255", /private/],
    ["192.168.1.1", /private/],
    ["fc00::1", /private/],
    ["fd12:3456::1", /private/],
    ["169.254.1.1", /link-local/],
    ["fe80::1", /link-local/],
    ["febf::1", /link-local/],
    ["169.254.169.254", /metadata/],
    ["169.254.170.2", /metadata/],
    ["fd00:ec2::254", /metadata/],
    ["fd00:ec2:0:0:0:0:0:254", /metadata/],
    ["100.100.100.200", /metadata/],
    ["0.0.0.0", /unspecified/],
    ["0.1.2.3", /unspecified/],
    ["::", /unspecified/],
    ["100.64.0.1", /carrier-grade NAT/],
    ["100.127.255.255", /carrier-grade NAT/],
    ["224.0.0.1", /multicast/],
    ["239.255.255.250", /multicast/],
    ["ff02::1", /multicast/],
    ["255.255.255.255", /broadcast/],
    ["240.0.0.1", /reserved/],
    ["192.0.0.8", /reserved/],
    ["192.0.2.1", /documentation/],
    ["198.18.0.1", /benchmarking/],
    ["2001:db8::1", /documentation/],
    ["fec0::1", /site-local/],
    ["100::1", /discard/],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", /Teredo/],
    ["::ffff:127.0.0.1", /loopback.*IPv4-mapped/],
    ["::ffff:7f00:1", /loopback.*IPv4-mapped/],
    ["::ffff:169.254.169.254", /metadata/],
    ["::ffff:10.0.0.1", /private/],
    ["::127.0.0.1", /loopback.*IPv4-compatible/],
    ["64:ff9b::7f00:1", /loopback.*NAT64/],
    ["2002:7f00:1::", /loopback.*6to4/],
    ["2002:a9fe:a9fe::1", /metadata.*6to4/],
    ["[::1]", /loopback/],
    ["fe80::1%eth0", /link-local/],
    ["4000::1", /outside global unicast/],
    ["localhost", /not an IP/],
    ["", /not an IP/],
  ];
  it.each(blocked)("refuses %s", (ip, reason) => {
    expect(isBlockedAddress(ip)).toMatch(reason);
  });

  const allowed = ["8.8.8.8", "1.1.1.1", PUBLIC_V4, "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "169.253.255.255", "192.169.0.1", "11.0.0.1", "223.255.255.255", "2606:4700:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"];
  it.each(allowed)("allows the public address %s", (ip) => {
    expect(isBlockedAddress(ip)).toBeUndefined();
  });
});

describe("assertUrlAllowed", () => {
  // Any DNS lookup here would be a bug: these hosts are IP literals or refused by name.
  const noDns = stubDns({});

  const smuggled = [
    "http://127.0.0.1/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://0x7f.0.0.1/",
    "http://0177.0.0.1/",
    "http://017700000001/",
    "http://127.1/",
    "http://127.0.1/",
    "http://0/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[0:0:0:0:0:ffff:127.0.0.1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00:ec2::254]/",
    "http://2852039166/",
    "http://10.1/",
    "http://0xa9fea9fe/",
    "http://127.0.0.1.:8080/",
    "http://localhost/",
    "http://LOCALHOST./",
    "http://api.localhost/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://user:pass@127.0.0.1/",
  ];
  it.each(smuggled)("refuses %s before any DNS lookup", async (url) => {
    const err = await assertUrlAllowed(url, { allowPrivateNetwork: false, lookup: noDns.lookup }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(SsrfError);
    expect((err as SsrfError).kind).toBe("blocked");
    expect(noDns.calls).toEqual([]);
  });

  it.each(["file:///etc/passwd", "ftp://example.com/", "gopher://example.com:70/", "data:text/plain,hi", "ws://example.com/"])(
    "refuses the scheme of %s even with allowPrivateNetwork",
    async (url) => {
      await expect(assertUrlAllowed(url, { allowPrivateNetwork: true })).rejects.toBeInstanceOf(SsrfError);
    },
  );

  it("refuses a name that resolves to a private address, naming host and address", async () => {
    const dns = stubDns({ "intranet.example": ["10.1.2.3"] });
    const err = (await assertUrlAllowed("https://intranet.example/x", { allowPrivateNetwork: false, lookup: dns.lookup }).catch((e: unknown) => e)) as SsrfError;
    expect(err).toBeInstanceOf(SsrfError);
    expect(err.host).toBe("intranet.example");
    expect(err.address).toBe("10.1.2.3");
    expect(err.message).toMatch(/intranet\.example resolves to 10\.1\.2\.3 \(private\)/);
    expect(dns.calls).toEqual(["intranet.example"]);
  });

  it("refuses a name when any of its addresses is private, not only the first", async () => {
    const dns = stubDns({ "mixed.example": [PUBLIC_V4, "2606:4700::1", "::ffff:192.168.0.1"] });
    await expect(assertUrlAllowed("https://mixed.example/", { allowPrivateNetwork: false, lookup: dns.lookup })).rejects.toMatchObject({ address: "::ffff:192.168.0.1" });
  });

  it("allows a name whose addresses are all public", async () => {
    const dns = stubDns({ "registry.example": [PUBLIC_V4, "2606:4700::1"] });
    await expect(assertUrlAllowed("https://registry.example/v0/servers", { allowPrivateNetwork: false, lookup: dns.lookup })).resolves.toBeUndefined();
  });

  it("passes DNS failures through as they are (a network error, not a refusal)", async () => {
    const err = await assertUrlAllowed("https://nowhere.example/", { allowPrivateNetwork: false, lookup: stubDns({}).lookup }).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(SsrfError);
    expect((err as NodeJS.ErrnoException).code).toBe("ENOTFOUND");
  });

  it("allows everything but non-http schemes when allowPrivateNetwork is true, without resolving", async () => {
    const dns = stubDns({ "intranet.example": ["10.1.2.3"] });
    for (const url of [...smuggled, "http://intranet.example/"]) {
      await expect(assertUrlAllowed(url, { allowPrivateNetwork: true, lookup: dns.lookup })).resolves.toBeUndefined();
    }
    expect(dns.calls).toEqual([]);
  });

  it("lets trusted hosts through and nothing else", async () => {
    const dns = stubDns({ "mirror.corp": ["10.0.0.5"], "other.corp": ["10.0.0.6"] });
    await expect(assertUrlAllowed("http://mirror.corp/", { allowPrivateNetwork: false, lookup: dns.lookup, trustedHosts: ["Mirror.Corp"] })).resolves.toBeUndefined();
    await expect(assertUrlAllowed("http://other.corp/", { allowPrivateNetwork: false, lookup: dns.lookup, trustedHosts: ["mirror.corp"] })).rejects.toBeInstanceOf(SsrfError);
  });
});

describe("HttpClient refuses before connecting", { timeout: 10_000 }, () => {
  let server: LocalServer;
  let http: HttpClient | undefined;
  afterEach(async () => {
    await http?.close();
    http = undefined;
    await server?.close();
  });

  const client = (overrides: Partial<HttpOptions>) => {
    http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, userAgent: "mcp-catalog-tests", maxAttempts: 3, baseDelayMs: 1, allowPrivateNetwork: false, ...overrides });
    return http;
  };

  async function blockedError(p: Promise<unknown>): Promise<HttpError> {
    const err = await p.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    const h = err as HttpError;
    expect(h.kind).toBe("blocked");
    expect(h.retryable).toBe(false);
    expect(h.attempts).toBe(1);
    expect(h.cause).toBeInstanceOf(SsrfError);
    return h;
  }

  it("refuses the loopback test server itself, and every smuggled spelling of it", async () => {
    server = await startLocalServer((_req, res) => void res.end("{}"));
    const port = new URL(server.url).port;
    const c = client({ lookup: stubDns({}).lookup });
    for (const host of ["127.0.0.1", "2130706433", "0x7f000001", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]", "localhost"]) {
      const err = await blockedError(c.getJson(`http://${host}:${port}/servers`));
      expect(err.message).toContain(`:${port}/servers`);
    }
    await blockedError(c.fetch(`http://127.0.0.1:${port}/mcp`, { method: "POST", body: "{}" }));
    expect(server.requests).toEqual([]);
    expect(c.stats().requests).toBe(0);
  });

  it("refuses a name the resolver maps to the loopback server", async () => {
    server = await startLocalServer((_req, res) => void res.end("{}"));
    const port = new URL(server.url).port;
    const dns = stubDns({ "evil.example": ["127.0.0.1"] });
    const err = await blockedError(client({ lookup: dns.lookup }).getJson(`http://evil.example:${port}/`));
    expect((err.cause as SsrfError).address).toBe("127.0.0.1");
    expect(server.requests).toEqual([]);
  });

  it("refuses a redirect from an allowed host to a private address, on every hop", async () => {
    server = await startLocalServer((req, res) => {
      const port = new URL(server.url).port;
      const to: Record<string, string> = {
        "/to-ip": "http://10.0.0.1/admin",
        "/to-name": `http://internal.example:${port}/secret`,
        "/to-localhost": `http://localhost:${port}/secret`,
        "/to-metadata": "http://169.254.169.254/latest/meta-data/iam/",
        "/to-file": "file:///etc/passwd",
        "/hop": "/to-name",
      };
      const location = to[req.url ?? ""];
      if (location) {
        res.writeHead(302, { location }).end();
        return;
      }
      res.end(JSON.stringify({ leaked: true }));
    });
    // The test server is "trusted" so the first hop can reach it; where it redirects to is not.
    const dns = stubDns({ "internal.example": ["127.0.0.1"] });
    const c = client({ lookup: dns.lookup, trustedHosts: ["127.0.0.1"] });
    for (const path of ["/to-ip", "/to-name", "/to-localhost", "/to-metadata", "/to-file", "/hop"]) {
      await blockedError(c.getJson(`${server.url}${path}`));
    }
    await blockedError(c.fetch(`${server.url}/to-name`));
    expect(server.requests).not.toContain("/secret");
    expect(server.requests.filter((r) => r === "/to-name")).toHaveLength(3);
  });

  it("refuses at connect time when the name rebinds to a private address after the check", async () => {
    server = await startLocalServer((_req, res) => void res.end("{}"));
    const port = new URL(server.url).port;
    // First answer (the pre-flight check) is public; the connector's own lookup then gets loopback.
    const dns = stubDns({ "rebind.example": (call) => (call === 1 ? [PUBLIC_V4] : ["127.0.0.1"]) });
    const err = await blockedError(client({ lookup: dns.lookup }).getJson(`http://rebind.example:${port}/`));
    expect(dns.calls).toEqual(["rebind.example", "rebind.example"]);
    expect((err.cause as SsrfError).address).toBe("127.0.0.1");
    expect(server.requests).toEqual([]);

    const dns2 = stubDns({ "rebind.example": (call) => (call % 2 === 1 ? [PUBLIC_V4] : ["127.0.0.1"]) });
    await http!.close();
    await blockedError(client({ lookup: dns2.lookup }).fetch(`http://rebind.example:${port}/mcp`, { method: "POST", body: "{}" }));
    expect(server.requests).toEqual([]);
  });

  it("reports a name that does not resolve as a network error, not a refusal, and does not retry it", async () => {
    const dns = stubDns({});
    const err = await client({ lookup: dns.lookup }).getJson("http://no-such-host.example/x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ kind: "network", retryable: false, attempts: 1, message: expect.stringMatching(/ENOTFOUND/) });
    expect(dns.calls).toEqual(["no-such-host.example"]);
  });

  it("reaches loopback, private names and redirects between them when allowPrivateNetwork is true", async () => {
    server = await startLocalServer((req, res) => {
      if (req.url === "/start") {
        res.writeHead(301, { location: `http://internal.example:${new URL(server.url).port}/end` }).end();
        return;
      }
      res.end(JSON.stringify({ at: req.url, host: req.headers.host }));
    });
    const port = new URL(server.url).port;
    const dns = stubDns({ "internal.example": ["127.0.0.1"] });
    const c = client({ allowPrivateNetwork: true, lookup: dns.lookup });
    const r = await c.getJson(`${server.url}/start`);
    expect(r).toMatchObject({ status: 200, url: `http://internal.example:${port}/end`, body: { at: "/end", host: `internal.example:${port}` } });
    // The connector resolved the name through the injected stub, not real DNS.
    expect(dns.calls).toEqual(["internal.example"]);
    const f = await c.fetch(`http://2130706433:${port}/x`);
    expect(f.status).toBe(200);
    expect(await f.json()).toMatchObject({ at: "/x" });
  });
});
