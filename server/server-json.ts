// server.json's packages, remotes, repository and icons as the official registry's schema defines them: how a host
// installs, runs or reaches a server (arguments, environment, headers, checksums), where its source is and how it looks.
// The feed passes a registry record's own on with these.
// The schema allows properties it does not name (published data has some, e.g. a named argument's valueHint): they are
// kept, so each object is loose; the properties it names are checked.
import { z } from "zod";

/** A value the host is given or asks its user for: a header, an environment variable, an argument. */
const input = z.looseObject({
  description: z.string().optional(),
  isRequired: z.boolean().optional(),
  isSecret: z.boolean().optional(),
  format: z.enum(["string", "number", "boolean", "filepath"]).optional(),
  default: z.string().optional(),
  placeholder: z.string().optional(),
  choices: z.array(z.string()).optional(),
  value: z.string().optional(),
});

/** `{name}` in an input's value is filled from its variables. */
const inputWithVariables = input.extend({ variables: z.record(z.string(), input).optional() });

const keyValueInput = inputWithVariables.extend({ name: z.string() });

const argument = z.discriminatedUnion("type", [
  inputWithVariables
    .extend({ type: z.literal("positional"), valueHint: z.string().optional(), isRepeated: z.boolean().optional() })
    .refine((a) => a.valueHint !== undefined || a.value !== undefined, "a positional argument has a valueHint or a value"),
  inputWithVariables.extend({ type: z.literal("named"), name: z.string(), isRepeated: z.boolean().optional() }),
]);

const httpTransport = <T extends "streamable-http" | "sse">(type: T) =>
  z.looseObject({ type: z.literal(type), url: z.string(), headers: z.array(keyValueInput).optional() });

export const serverJsonPackage = z.looseObject({
  registryType: z.string(),
  registryBaseUrl: z.url().optional(),
  identifier: z.string(),
  version: z.string().min(1).optional(),
  fileSha256: z.string().regex(/^[a-f0-9]{64}$/).optional(),
  runtimeHint: z.string().optional(),
  transport: z.discriminatedUnion("type", [z.looseObject({ type: z.literal("stdio") }), httpTransport("streamable-http"), httpTransport("sse")]),
  runtimeArguments: z.array(argument).optional(),
  packageArguments: z.array(argument).optional(),
  environmentVariables: z.array(keyValueInput).optional(),
});

/** A remote's URL may be a template (`https://{tenant}.example.com/mcp`) filled from its variables (2025-12 schema). */
export const serverJsonRemote = z.discriminatedUnion("type", [
  httpTransport("streamable-http").extend({ variables: z.record(z.string(), input).optional() }),
  httpTransport("sse").extend({ variables: z.record(z.string(), input).optional() }),
]);

/**
 * Where the source is: `id` is the forge's own id of the repository, which changes when a repository is deleted and
 * created again under the same name (a host may check it); the URL as published, in its case.
 */
const serverJsonRepository = z.looseObject({ url: z.string(), source: z.string(), id: z.string().optional(), subfolder: z.string().optional() });

const serverJsonIcon = z.looseObject({ src: z.string(), mimeType: z.string().optional(), sizes: z.array(z.string()).optional(), theme: z.string().optional() });

export type ServerJsonPackage = z.infer<typeof serverJsonPackage>;
export type ServerJsonRemote = z.infer<typeof serverJsonRemote>;

/**
 * A registry record's packages, remotes, repository, icons and the publisher's `_meta`, each when all of it conforms
 * (the rest of the record is not read here).
 */
const publishedSchema = z.object({
  server: z.object({
    packages: z.array(serverJsonPackage).optional().catch(undefined),
    remotes: z.array(serverJsonRemote).optional().catch(undefined),
    repository: serverJsonRepository.optional().catch(undefined),
    icons: z.array(serverJsonIcon).optional().catch(undefined),
    _meta: z.record(z.string(), z.unknown()).optional().catch(undefined),
  }),
});

export type Published = Partial<z.infer<typeof publishedSchema>["server"]>;

/**
 * What a registry record published that the catalog's own fields leave out or change (how to install, run or reach
 * the server, its repository's id and case, its icons, the publisher's metadata), each field only when all of it
 * conforms to server.json; a field that does not, or a record of another shape (the legacy seed), gives nothing, and
 * the caller keeps what the catalog made of it.
 */
export function publishedServer(record: unknown): Published {
  const parsed = publishedSchema.safeParse(record);
  return parsed.success ? parsed.data.server : {};
}
