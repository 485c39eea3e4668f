// Each server of the evaluation's data read once a process: the folds classify the same servers by the rules alone,
// by each fold's refitted model, and as the training examples of the other folds, and a server's reading (its tools'
// words, arguments and siblings) depends on none of them.
import { readServer, type ServerContext, type ServerReading } from "../../../classifier/classify.js";
import type { ServerData } from "./dataset.js";

/** A server of the evaluation's data as the classifier is given it. */
export function contextOf(s: ServerData): ServerContext {
  return { name: s.server, tools: s.tools };
}

const readings = new WeakMap<ServerData, ServerReading>();

export function readingOf(s: ServerData): ServerReading {
  let read = readings.get(s);
  if (!read) {
    read = readServer(contextOf(s));
    readings.set(s, read);
  }
  return read;
}
