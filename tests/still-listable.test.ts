// stillListableBy (pure): a listing is written only while the server's row still names what it reached.
import { describe, expect, it } from "vitest";
import { stillListableBy } from "../crawler/listing.js";

const remote = (url: string, needsSecret = false) => ({ type: "streamable-http", url, needsSecret });
const npm = (identifier: string) => ({ registryType: "npm", identifier, version: "1.0.0", transport: "stdio" });
const listed = { remotes: [remote("https://a.example/mcp")], packages: [npm("@acme/a")] };

describe("stillListableBy", () => {
  it("holds while the row names the same remote, without a secret, or the same npm package", () => {
    expect(stillListableBy(listed, listed, "remote")).toBe(true);
    expect(stillListableBy(listed, { remotes: [remote("https://b.example/mcp"), remote("https://a.example/mcp")], packages: [] }, "remote")).toBe(true);
    expect(stillListableBy(listed, { remotes: [], packages: [npm("@acme/a")] }, "stdio")).toBe(true);
  });
  it("fails once the row dropped it, made it need a secret or names another", () => {
    expect(stillListableBy(listed, { remotes: [], packages: [npm("@acme/a")] }, "remote")).toBe(false);
    expect(stillListableBy(listed, { remotes: [remote("https://a.example/mcp", true)], packages: [] }, "remote")).toBe(false);
    expect(stillListableBy(listed, { remotes: [remote("https://b.example/mcp")], packages: [] }, "remote")).toBe(false);
    expect(stillListableBy(listed, { remotes: listed.remotes, packages: [npm("@acme/b")] }, "stdio")).toBe(false);
    expect(stillListableBy({ remotes: [], packages: [] }, listed, "remote")).toBe(false);
  });
});
