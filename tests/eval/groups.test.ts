import { describe, expect, it } from "vitest";
import { assignFolds, npmScope, repositoryOwner, vendorGroups } from "../../scripts/dev/eval/groups.js";

describe("vendor groups", () => {
  it("reads scopes and repository owners", () => {
    expect(npmScope("@Acme/server-x")).toBe("@acme");
    expect(npmScope("plain")).toBeUndefined();
    expect(repositoryOwner("git+https://github.com/Acme/x.git")).toBe("github.com/acme");
    expect(repositoryOwner("git@github.com:acme/x.git")).toBe("github.com/acme");
    expect(repositoryOwner("https://gitlab.com/group/sub/repo")).toBe("gitlab.com/group");
    expect(repositoryOwner("not a url")).toBeUndefined();
  });

  it("puts servers of one scope or one repository owner together, transitively", () => {
    const groups = vendorGroups([
      { server: "@acme/a" },
      { server: "@acme/b", repository: "https://github.com/acme-inc/b" },
      { server: "c-server", repository: "https://github.com/Acme-Inc/c" },
      { server: "d-server", repository: "https://github.com/someone/d" },
      { server: "e-server", keys: ["server:docker:e"] },
      { server: "docker:e" },
    ]);
    expect(groups.get("@acme/a")).toBe("@acme/a");
    expect(groups.get("@acme/b")).toBe("@acme/a");
    expect(groups.get("c-server")).toBe("@acme/a");
    expect(groups.get("d-server")).toBe("d-server");
    expect(groups.get("e-server")).toBe(groups.get("docker:e"));
  });

  it("deals groups into balanced folds, deterministically", () => {
    const weights = new Map([["a", 10], ["b", 8], ["c", 5], ["d", 3], ["e", 2]]);
    const folds = assignFolds(weights, 2);
    expect(folds).toEqual(assignFolds(new Map([...weights].reverse()), 2));
    const load = [0, 0];
    for (const [g, f] of folds) load[f]! += weights.get(g)!;
    expect(Math.abs(load[0]! - load[1]!)).toBeLessThanOrEqual(2);
  });
});
