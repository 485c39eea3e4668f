import { describe, expect, it } from "vitest";
import { splitName, textWords, tokenizeName } from "../../classifier/tokens.js";

describe("splitName", () => {
  it.each([
    ["create_issue", ["create", "issue"]],
    ["listPullRequests", ["list", "pull", "requests"]],
    ["getHTTPResponse", ["get", "http", "response"]],
    ["delete-repo", ["delete", "repo"]],
    ["API-post-search", ["api", "post", "search"]],
    ["github.create_issue", ["github", "create", "issue"]],
    ["aws___iam__create_user", ["aws", "iam", "create", "user"]],
    ["mcp/server::run_query", ["mcp", "server", "run", "query"]],
    ["listEC2Instances", ["list", "ec2", "instances"]],
    ["s3_put_object", ["s3", "put", "object"]],
    ["tfdeploy", ["tfdeploy"]],
  ])("%s → %j", (name, words) => {
    expect(splitName(name)).toEqual(words);
  });

  it("marks where the last namespace segment starts", () => {
    expect(tokenizeName("aws___iam__create_user").lastSegmentStart).toBe(2);
    expect(tokenizeName("github.create_issue").lastSegmentStart).toBe(1);
    expect(tokenizeName("create_issue").lastSegmentStart).toBe(0);
  });

  it("splits free text into lower-case words", () => {
    expect(textWords("Can't be UNDONE.")).toEqual(["can", "t", "be", "undone"]);
  });
});
