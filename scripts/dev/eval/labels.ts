// What a server's own annotations say a tool is, on the evaluation's two scales: read vs not-read, and read / write / destructive.
import type { Category } from "../../../classifier/taxonomy.js";

export const THREE_WAY = ["read", "write", "destructive"] as const;
export type ThreeWay = (typeof THREE_WAY)[number];
export const BINARY = ["read", "not-read"] as const;
export type Binary = (typeof BINARY)[number];

export interface Label {
  binary: Binary;
  /** Absent when the hints say "not read" without saying whether it destroys. */
  threeWay?: ThreeWay;
}

/** The declared hints a label is read from; anything else in an annotations object is ignored. */
export interface DeclaredHints {
  readOnlyHint?: unknown;
  destructiveHint?: unknown;
}

/**
 * The label a server's explicit hints give. readOnlyHint true → read; false with destructiveHint true →
 * destructive; both false → write. destructiveHint only has meaning for tools that are not read-only,
 * so an explicit destructiveHint with readOnlyHint absent also says "not read". Absent hints are not
 * read as their spec defaults; `absentReadOnlyMeansWrite` is for sources whose convention is to mark
 * only the read tools (see tests/fixtures/labeled/SOURCES.md).
 */
export function labelFromHints(a: DeclaredHints | undefined, absentReadOnlyMeansWrite = false): Label | undefined {
  const ro = a?.readOnlyHint;
  const de = a?.destructiveHint;
  if (ro === true) return { binary: "read", threeWay: "read" };
  if (ro === false || typeof de === "boolean") {
    if (de === true) return { binary: "not-read", threeWay: "destructive" };
    if (de === false) return { binary: "not-read", threeWay: "write" };
    return { binary: "not-read" };
  }
  if (absentReadOnlyMeansWrite) return { binary: "not-read" };
  return undefined;
}

/** A category on the labels' three-way scale: execute counts as destructive; financial matches either. */
export function threeWayOf(category: Category, label?: ThreeWay): ThreeWay {
  if (category === "read") return "read";
  if (category === "write") return "write";
  if (category === "financial") return label === "write" || label === "destructive" ? label : "destructive";
  return "destructive";
}

export function binaryOf(threeWay: ThreeWay): Binary {
  return threeWay === "read" ? "read" : "not-read";
}

/** The label a three-way answer of ours stands for, on both scales. */
export function labelOf(threeWay: ThreeWay): Label {
  return { binary: binaryOf(threeWay), threeWay };
}
