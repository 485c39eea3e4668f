// vitest globalSetup: one template directory and database prefix for the whole run (see templates.ts), removed at its end.
import type { TestProject } from "vitest/node";
import { startTemplateRun } from "./templates.js";

export default function setup(project: TestProject): () => Promise<void> {
  const run = startTemplateRun();
  project.provide("catalogTemplates", { dir: run.dir, databasePrefix: run.databasePrefix });
  return run.end;
}
