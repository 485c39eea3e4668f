import { describe, expect, it } from "vitest";
import { leadingWords, splitName, textWords, tokenizeName } from "../../classifier/tokens.js";

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

  // ASCII names are read in one pass; any other character sends a name through the regexes. A middle dot is
  // neither a word nor a separator to them, so appending one gives the regexes' reading of the same name.
  it("reads ASCII names in one pass exactly as the regexes do", () => {
    const alphabet = "aAbZz09_._/:-  HTTPResponse__x";
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const names = ["getHTTPResponse", "A", "AB", "ABc", "ABC1d", "aB2C", "x__", "__x", "a_.b", "a._b", "a:_:b", "9lives", "HTTP2Server", ""];
    for (let k = 0; k < 3000; k++) {
      let name = "";
      for (let n = next() % 14; n > 0; n--) name += alphabet[next() % alphabet.length];
      names.push(name);
    }
    for (const name of names) expect(tokenizeName(name), name).toEqual(tokenizeName(`${name}\u00b7`));
  });

  it("reads the first words of free text as textWords does, also where lower-casing leaves ASCII", () => {
    for (const text of ["Can't be UNDONE.", "", "  x", "one two three four", "Ünïcode wörds, then ASCII", "the İstanbul office", "5 \u212aelvin", "a\u0130b c"]) {
      for (const max of [0, 1, 2, 3, 40]) expect(leadingWords(text, max), `${text} ${max}`).toEqual(textWords(text).slice(0, max));
    }
  });
});
