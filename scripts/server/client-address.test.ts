import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { clientAddress, parseForwardedAddress, setClientHeader } from "./client-address.mjs";
import { get, startTestServer, type TestServer } from "./test-server";

/** A request as node:http hands it over: parsed headers and the socket's address. */
function req(remoteAddress: string | undefined, forwardedFor?: string): IncomingMessage {
  const headers = forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor };
  return { headers, socket: { remoteAddress } } as unknown as IncomingMessage;
}

describe("clientAddress", () => {
  it("is the socket's address without TRUST_PROXY, whatever X-Forwarded-For says", () => {
    expect(clientAddress(req("198.51.100.7"), 0)).toBe("198.51.100.7");
    expect(clientAddress(req("198.51.100.7", "203.0.113.9"), 0)).toBe("198.51.100.7");
    expect(clientAddress(req(undefined), 0)).toBe("unknown");
  });

  it("with TRUST_PROXY=1 is the entry our proxy appended (the rightmost)", () => {
    expect(clientAddress(req("10.0.0.2", "203.0.113.9"), 1)).toBe("203.0.113.9");
    // Whatever the client wrote itself sits to the left and is never believed.
    expect(clientAddress(req("10.0.0.2", "192.0.2.1, 192.0.2.2,203.0.113.9"), 1)).toBe("203.0.113.9");
  });

  it("with TRUST_PROXY=2 is the entry the outermost proxy appended (second from the right)", () => {
    // client → CDN (appends the client) → load balancer (appends the CDN) → us
    expect(clientAddress(req("10.0.0.2", "203.0.113.9, 198.51.100.50"), 2)).toBe("203.0.113.9");
    expect(clientAddress(req("10.0.0.2", "192.0.2.66, 203.0.113.9, 198.51.100.50"), 2)).toBe("203.0.113.9");
  });

  it("falls back to the socket when there are fewer entries than proxies, or none", () => {
    // One entry but two proxies configured: the request skipped the outer one, and the entry may be the client's own.
    expect(clientAddress(req("10.0.0.2", "203.0.113.9"), 2)).toBe("10.0.0.2");
    expect(clientAddress(req("10.0.0.2"), 1)).toBe("10.0.0.2");
    expect(clientAddress(req("10.0.0.2", ""), 1)).toBe("10.0.0.2");
  });

  it("falls back to the socket when the trusted entry is no address", () => {
    expect(clientAddress(req("10.0.0.2", "203.0.113.9, unknown"), 1)).toBe("10.0.0.2");
    expect(clientAddress(req("10.0.0.2", "999.1.1.1"), 1)).toBe("10.0.0.2");
    expect(clientAddress(req("10.0.0.2", "<script>"), 1)).toBe("10.0.0.2");
    // A garbage entry to the left of the trusted one changes nothing.
    expect(clientAddress(req("10.0.0.2", "not-an-ip, 203.0.113.9"), 1)).toBe("203.0.113.9");
  });

  it("lower-cases IPv6 and unwraps IPv4-mapped addresses, from the socket and from entries", () => {
    expect(clientAddress(req("::ffff:198.51.100.7"), 0)).toBe("198.51.100.7");
    expect(clientAddress(req("2001:DB8::1"), 0)).toBe("2001:db8::1");
    expect(clientAddress(req("10.0.0.2", "2001:DB8:0:1::AB"), 1)).toBe("2001:db8:0:1::ab");
    expect(clientAddress(req("10.0.0.2", "::FFFF:203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientAddress(req("::ffff:10.0.0.2", "[2001:db8::7]:443"), 1)).toBe("2001:db8::7");
  });
});

describe("parseForwardedAddress", () => {
  it("reads the forms proxies write, ports and quotes included", () => {
    expect(parseForwardedAddress(" 203.0.113.9 ")).toBe("203.0.113.9");
    expect(parseForwardedAddress("203.0.113.9:5678")).toBe("203.0.113.9");
    expect(parseForwardedAddress('"[2001:db8::1]:80"')).toBe("2001:db8::1");
    expect(parseForwardedAddress("[2001:db8::1]")).toBe("2001:db8::1");
  });

  it("refuses what is no address", () => {
    for (const token of ["", "unknown", "_hidden", "1.2.3", "1.2.3.4:port", "[1.2.3.4]:80", "2001:db8::1:80:x", "[::1"]) {
      expect(parseForwardedAddress(token)).toBeNull();
    }
  });
});

describe("setClientHeader", () => {
  it("replaces every client-sent x-pkgdiff-client, raw and parsed", () => {
    const request = {
      headers: { host: "h", "x-pkgdiff-client": "203.0.113.9" },
      rawHeaders: ["Host", "h", "X-Pkgdiff-Client", "203.0.113.9", "x-pkgdiff-client", "192.0.2.1"],
    } as unknown as IncomingMessage;
    setClientHeader(request, "198.51.100.7");
    expect(request.headers["x-pkgdiff-client"]).toBe("198.51.100.7");
    expect(request.rawHeaders).toEqual(["Host", "h", "x-pkgdiff-client", "198.51.100.7"]);
  });
});

describe("the server's client header", () => {
  let server: TestServer | undefined;
  afterEach(() => server?.close());

  /** Echoes what the app is told about the client. */
  const echo = async (req: IncomingMessage, res: import("node:http").ServerResponse) => {
    const raw = req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i]!.toLowerCase() === "x-pkgdiff-client");
    res.end(JSON.stringify({ client: req.headers["x-pkgdiff-client"], rawCount: raw.length }));
  };

  it("is the socket's address; a client-sent one and X-Forwarded-For are ignored", async () => {
    server = await startTestServer(echo);
    const reply = await get(server.url, { "x-pkgdiff-client": "203.0.113.9", "x-forwarded-for": "198.51.100.7" });
    expect(JSON.parse(reply.body)).toEqual({ client: "127.0.0.1", rawCount: 1 });
  });

  it("behind one proxy is its X-Forwarded-For entry, also in the log line", async () => {
    server = await startTestServer(echo, { trustProxy: 1 });
    const logged = server.nextLine("request");
    const reply = await get(server.url, { "x-forwarded-for": "192.0.2.66, 203.0.113.9", "x-pkgdiff-client": "192.0.2.1" });
    expect(JSON.parse(reply.body)).toEqual({ client: "203.0.113.9", rawCount: 1 });
    expect(await logged).toMatchObject({ client: "203.0.113.9" });
  });
});
