// `queue`'s text table on plain data: a column for every count --json gives, under its heading.
import { describe, expect, test } from "vitest";
import { queueText } from "../../scripts/commands/queue.js";

describe("queueText", () => {
  test("every count --json gives has its column, cancelled included, each under its heading", () => {
    const text = queueText({
      modes: {
        remote: { queued: 1, retry: 2, active: 3, completed: 40, cancelled: 5, failed: 6, deadLettered: 7, oldestWaitingSeconds: 12 },
        stdio: { queued: 0, retry: 0, active: 0, completed: 0, cancelled: 0, failed: 0, deadLettered: 0, oldestWaitingSeconds: null },
      },
      lastFailures: [],
    });
    const [head, remote, stdio] = text.split("\n");
    expect(head).toBe("mode      queued  retry  active  completed  cancelled  failed  dead-lettered  oldest wait");
    expect(remote).toBe("remote         1      2       3         40          5       6              7  12 s");
    expect(stdio).toBe("stdio          0      0       0          0          0       0              0  -");
    expect(text).toMatch(/\nlast failures: none\n$/);
  });
});
