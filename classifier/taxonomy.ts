// The classification vocabulary of DESIGN.md: categories, risk levels and their order.
import { z } from "zod";

export const CATEGORIES = ["read", "write", "execute", "destructive", "financial"] as const;
export const categorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof categorySchema>;

export const RISKS = ["low", "medium", "high", "critical"] as const;
export const riskSchema = z.enum(RISKS);
export type Risk = z.infer<typeof riskSchema>;

/** The risk a category starts from before aggravating signals raise it. */
export const BASE_RISK: Record<Category, Risk> = {
  read: "low",
  write: "medium",
  execute: "high",
  destructive: "critical",
  financial: "critical",
};

export function riskRank(risk: Risk): number {
  return RISKS.indexOf(risk);
}

/** Raises a risk by `steps`, saturating at critical; never lowers it. */
export function raiseRisk(risk: Risk, steps = 1): Risk {
  return RISKS[Math.min(RISKS.length - 1, riskRank(risk) + Math.max(0, steps))]!;
}

export function maxRisk(a: Risk, b: Risk): Risk {
  return riskRank(a) >= riskRank(b) ? a : b;
}

/**
 * The risk of a tool whose own text tries to instruct the model: one step up, and never below high. Whatever the
 * tool does, its server is steering the agent, so no call is allowed by rule (low is allowed, medium allowed with a
 * rate limit): a person approves each one, or the operator hides the tool.
 */
export function injectedRisk(risk: Risk): Risk {
  return maxRisk(raiseRisk(risk), "high");
}
