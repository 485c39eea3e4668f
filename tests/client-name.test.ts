// --client-name's prose is read from the same table as the formats it is used by, so neither can name a format the other leaves out.
import { describe, expect, it } from "vitest";
import { CLIENT_NAME_FORMATS, CLIENT_NAME_MEANING, clientNameMeaning } from "../scripts/client-name.js";

describe("the client name's meaning", () => {
  it("reads as it always has, naming every format the name is used by, in order", () => {
    expect(CLIENT_NAME_MEANING).toBe("server's name in your client or gateway config (claude-code, codex, agentgateway's target)");
    expect(CLIENT_NAME_FORMATS).toEqual(["claude-code", "codex", "agentgateway"]);
    let from = 0;
    for (const format of CLIENT_NAME_FORMATS) {
      const at = CLIENT_NAME_MEANING.indexOf(format, from);
      expect(at, format).toBeGreaterThan(from);
      from = at;
    }
  });

  it("is derived from the table, so a format added to it is named in the prose", () => {
    expect(clientNameMeaning({ "claude-code": "claude-code", cedar: "cedar's tool" })).toBe("server's name in your client or gateway config (claude-code, cedar's tool)");
  });
});
