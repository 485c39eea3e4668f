// What `policy` and `search` say when their answer is not what it looks like, on a catalog of the shipped real data:
// a policy for a server its source took down or no source lists any more, an option the document has no use for,
// --gate-flows with no flow to gate, and a search that found nothing only because of its filters.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DRIVERS } from "./helpers/catalog.js";
import { snapshotCliCatalog, type CliCatalog } from "./helpers/snapshot-catalog.js";

const GITHUB = "io.github.github/github-mcp-server";
const KUBERNETES = "github.com/containers/kubernetes-mcp-server";
const KUBE_LINT = "github.com/sophotechlabs/kube-lint-mcp";
const APOLLO = "github.com/apollographql/apollo-mcp-server";

describe.each(DRIVERS)("notices of policy and search (%s)", (driver) => {
  let cat: CliCatalog;
  const cli = (argv: string[]) => cat.cli(argv);

  beforeAll(async () => {
    cat = await snapshotCliCatalog(driver);
  });
  afterAll(async () => {
    await cat?.dispose();
  });

  test("search: no match because of --risk, --category or --server says so, not that nothing matches the text", async () => {
    const plain = await cli(["search", "delete_file", "--limit", "1"]);
    expect(plain.stdout).toContain("delete_file");
    const byRisk = await cli(["search", "delete_file", "--risk", "low"]);
    expect(byRisk).toEqual({ code: 0, stdout: "", stderr: "no tools match 'delete_file' with risk low\n" });
    const narrowed = await cli(["search", "delete", "--category", "destructive", "--risk", "critical", "--server", KUBE_LINT]);
    expect(narrowed).toEqual({ code: 0, stdout: "", stderr: `no tools match 'delete' with category destructive and risk critical on ${KUBE_LINT}\n` });
    expect((await cli(["search", "no_such_tool_anywhere"])).stderr).toBe("no tools match 'no_such_tool_anywhere'\n");
  });

  test("policy --client-name with a format that does not name the server says it is not used", async () => {
    for (const format of ["native", "intercept", "cedar"]) {
      const r = await cli(["policy", KUBE_LINT, "--format", format, "--client-name", "lint"]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`^--client-name lint is not used: a ${format} document does not name the server \\(claude-code, codex, agentgateway documents do\\)$`, "m"));
    }
    const used = await cli(["policy", KUBE_LINT, "--format", "codex", "--client-name", "lint"]);
    expect(used.stdout).toContain("[mcp_servers.lint]");
    expect(used.stderr).not.toContain("not used");
  });

  test("policy --gate-flows on a server with no toxic flow says it gates nothing", async () => {
    const r = await cli(["policy", KUBE_LINT, "--gate-flows"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^no toxic flow among the tools of github\.com\/sophotechlabs\/kube-lint-mcp, so --gate-flows gates nothing$/m);
    expect(r.stdout).toBe((await cli(["policy", KUBE_LINT])).stdout);
  });

  test("policy of a server its source deleted, or that no source lists any more, says so first", async () => {
    const before = await cli(["policy", KUBERNETES, "--json"]);
    expect(JSON.parse(before.stdout).status).toBe("active");
    expect(before.stderr).not.toMatch(/marked|gone/);
    await cat.rows(sql`update servers set status = 'deleted' where key = ${KUBERNETES} returning key`);
    await cat.rows(sql`update servers set status = 'gone' where key = ${APOLLO} returning key`);

    const r = await cli(["policy", KUBERNETES, "--format", "claude-code"]);
    expect(r.code).toBe(0);
    expect(r.stderr.split("\n")[0]).toBe(`${KUBERNETES}: marked deleted by its source; its tools are as the catalog last listed them`);
    expect(JSON.parse(r.stdout).permissions.allow.length).toBeGreaterThan(0);
    const json = JSON.parse((await cli(["policy", KUBERNETES, "--json"])).stdout);
    expect(json).toMatchObject({ server: KUBERNETES, status: "deleted" });

    const set = await cli(["policy", "--servers", `${GITHUB},${APOLLO}`, "--json"]);
    expect(set.code).toBe(0);
    expect(set.stderr).toContain(`${APOLLO}: gone: no source lists it any more; its tools are as the catalog last listed them\n`);
    expect(set.stderr).not.toContain(`${GITHUB}: marked`);
    const servers = JSON.parse(set.stdout).servers as { server: string; status: string }[];
    expect(Object.fromEntries(servers.map((s) => [s.server, s.status]))).toEqual({ [GITHUB]: "active", [APOLLO]: "gone" });
  });
});
