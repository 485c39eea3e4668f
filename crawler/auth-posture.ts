// Auth posture of a remote: open, or needs auth — and how it says so (401/403 with WWW-Authenticate,
// RFC 9728 protected-resource metadata and the authorization servers it names). Read with the MCP
// client's own OAuth discovery helpers, through the crawler's guarded fetch.
import { discoverOAuthProtectedResourceMetadata, extractWWWAuthenticateParams } from "@modelcontextprotocol/client";
import { z } from "zod";

export const AUTH_POSTURES = ["open", "auth"] as const;
export type AuthPosture = (typeof AUTH_POSTURES)[number];

/** How a remote said it needs credentials: the shape stored in servers.auth_details. */
export const authRequirementSchema = z.object({
  status: z.number(),
  /** The WWW-Authenticate scheme (Bearer, DPoP, Basic, …), when the server sent the header. */
  scheme: z.string().optional(),
  realm: z.string().optional(),
  scope: z.string().optional(),
  /** RFC 9728 metadata: where it was found, and the authorization servers it names. */
  resourceMetadataUrl: z.string().optional(),
  authorizationServers: z.array(z.string()).optional(),
  /** Why the metadata could not be read, when it was looked for and not found. */
  metadataError: z.string().optional(),
});
export type AuthRequirement = z.infer<typeof authRequirementSchema>;

/** A 401/403 answer, kept as it came: the status and the WWW-Authenticate header. */
export interface AuthChallenge {
  status: number;
  wwwAuthenticate: string | null;
}

const MAX_TEXT = 500;

/** What the challenge itself says (pure). */
export function readChallenge(challenge: AuthChallenge): AuthRequirement & { resourceMetadata?: URL } {
  const header = challenge.wwwAuthenticate;
  if (!header) return { status: challenge.status };
  const scheme = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)/.exec(header)?.[1];
  const realm = /\brealm="([^"]*)"/i.exec(header)?.[1];
  const params = extractWWWAuthenticateParams(new Response(null, { status: challenge.status, headers: { "www-authenticate": header } }));
  return {
    status: challenge.status,
    ...(scheme ? { scheme: scheme.slice(0, 40) } : {}),
    ...(realm !== undefined ? { realm: realm.slice(0, MAX_TEXT) } : {}),
    ...(params.scope ? { scope: params.scope.slice(0, MAX_TEXT) } : {}),
    ...(params.resourceMetadataUrl ? { resourceMetadata: params.resourceMetadataUrl } : {}),
  };
}

/**
 * The full requirement: the challenge, then the protected-resource metadata it names (RFC 9728
 * `resource_metadata`) and the authorization servers that names. A crawler asks no more of a server
 * that refused it than it said: without `resource_metadata` no well-known location is probed. A
 * server without metadata still needs auth; a failed lookup is kept as a note.
 */
export async function describeAuthRequirement(serverUrl: string, challenge: AuthChallenge, fetch: typeof globalThis.fetch): Promise<AuthRequirement> {
  const { resourceMetadata, ...read } = readChallenge(challenge);
  if (!resourceMetadata) return read;
  const resourceMetadataUrl = resourceMetadata.toString().slice(0, MAX_TEXT);
  try {
    const metadata = await discoverOAuthProtectedResourceMetadata(serverUrl, { resourceMetadataUrl: resourceMetadata }, fetch);
    const servers = metadata.authorization_servers?.map((s) => String(s).slice(0, MAX_TEXT)).slice(0, 10);
    return { ...read, resourceMetadataUrl, ...(servers?.length ? { authorizationServers: servers } : {}) };
  } catch (e) {
    return { ...read, resourceMetadataUrl, metadataError: (e instanceof Error ? e.message : String(e)).slice(0, MAX_TEXT) };
  }
}

/** One line for people: "needs auth: 401 Bearer, authorization server https://…". */
export function describePosture(posture: AuthPosture | null, details: AuthRequirement | null): string {
  if (posture === "open") return "open (lists its tools without credentials)";
  if (posture !== "auth") return "unknown (not listed live yet)";
  if (!details) return "needs auth";
  const how = [`${details.status}`, details.scheme, details.realm ? `realm "${details.realm}"` : undefined].filter(Boolean).join(" ");
  const servers = details.authorizationServers?.length ? `, authorization server${details.authorizationServers.length > 1 ? "s" : ""} ${details.authorizationServers.join(", ")}` : "";
  const metadata = details.resourceMetadataUrl && !details.metadataError ? `, protected-resource metadata at ${details.resourceMetadataUrl}` : "";
  return `needs auth (${how}${metadata}${servers})`;
}
