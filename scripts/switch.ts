// The one rule for a switch in the environment (CATALOG_ALLOW_PRIVATE_NETWORK, CATALOG_DEBUG), in any case:
// 1, true, yes, on is on; 0, false, no, off, empty or unset is off; anything else is no switch value.

const ON = new Set(["1", "true", "yes", "on"]);
const OFF = new Set(["", "0", "false", "no", "off"]);

export const SWITCH_VALUES = "1, true, yes or on, or 0, false, no or off";

/** The switch `value` sets, or undefined when it is none (loadConfig refuses it, exit 2). */
export function readSwitch(value: string | undefined): boolean | undefined {
  const word = (value ?? "").toLowerCase();
  return ON.has(word) ? true : OFF.has(word) ? false : undefined;
}

/** CATALOG_DEBUG, for the error path, which may run before loadConfig or because it failed: a bad value is off there. */
export function debugOn(env: NodeJS.ProcessEnv): boolean {
  return readSwitch(env.CATALOG_DEBUG) ?? false;
}
