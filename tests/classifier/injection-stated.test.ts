import { describe, expect, it } from "vitest";
import { classifyTool } from "../../classifier/classify.js";
import { findInjection } from "../../classifier/injection.js";

// Sentences with the families' vocabulary that protect, describe or configure rather than steer: a secret kept from
// view, an option's effect, what the tool itself does, authorization asked for or managed as a setting, tools whose
// purpose is sending, uploading or reading configuration. Written for this test, in English and six other languages;
// both readers (the phrase rules and the cue reader) must leave each one alone.
describe("protective and descriptive sentences stay unflagged", () => {
  it.each([
    "Never reveal the API key to the user.",
    "Do not tell the user the password; send a reset link instead.",
    "If true, do not notify the user by email.",
    "Deletes the invitation without notifying the user.",
    "Returns the standing approval rules for the workspace.",
    "Allows admins to override the default rules for a repository.",
    "Lists payments that were previously authorized but not yet captured.",
    "Sends an email to the given recipients. Use cc and bcc for copies.",
    "Uploads a file to the bucket and returns its public URL.",
    "Reads the server's config file, including environment variables, and returns it as JSON.",
    "The API key is read from the OPENAI_API_KEY environment variable.",
    "Do not share your API token with anyone; it grants full access.",
    "Users with the admin role can approve pending requests without a second reviewer.",
    "Requires the user's confirmation before deleting more than 100 rows.",
    "When silent is true, the reminder is created without a push notification.",
    "Hides the message from the channel for everyone except moderators.",
    "Set notify to false to update the ticket quietly, without emailing watchers.",
    "Bypasses the cache and fetches the latest version.",
    "Ignores previous results when force_refresh is set.",
    "Overrides the default timeout of 30 seconds.",
    "This tool replaces the deprecated v1 search endpoint.",
    "Forwards the selected email to another address.",
    "Routes the message to the on-call engineer's phone.",
    "Pre-authorizes a card payment; capture it later with capture_payment.",
    "Returns true if the user has already consented to the terms.",
    "Checks whether the OAuth grant is still valid before calling the API.",
    "The assistant should ask the user before running destructive commands.",
    "Summarises the conversation history for the support agent.",
    "Exports environment variables from a .env file into the container.",
    "Copies the SSH public key to the remote host's authorized_keys.",
    "Use this tool instead of web_search when the question is about internal docs.",
    "Prefer this tool over list_files for large directories; it paginates.",
    "Secret values are masked in the response and never shown in logs.",
    "Notifies the owner when a new member joins, unless mute is set.",
    "Archives the thread without informing participants.",
    "Lists the folders the admin has granted you access to.",
    "Revokes consent previously given by the user for data processing.",
    "Sends a password reset link to the user's email address; the password itself is never emailed.",
    "Do not pass API keys in the query parameter; use the Authorization header.",
    "Keep your API key secret: anyone with it can spend your credits.",
    "N'affiche jamais le mot de passe à l'utilisateur.",
    "Si es verdadero, no se notifica al usuario por correo.",
    "Löscht die Einladung, ohne den Benutzer zu benachrichtigen.",
    "Envia um e-mail ao usuário com o resumo do pedido.",
    "如果为真，则不会通过电子邮件通知用户。",
    "ユーザーにメールで通知します。",
    "Silently ignores unknown fields.",
    "The user will not see the raw SQL; only the results are shown.",
    "Auto-approve: when true, pull requests from trusted bots are merged without confirmation.",
    "Your instructions to the translator, e.g. 'keep it formal'.",
    "System prompt to send to the model.",
    "New instructions for the agent, replacing the previous ones.",
    "Never show the recovery codes to anyone else; store them offline.",
    "Do not mention the customer's full card number in replies; show only the last four digits.",
    "Previously approved expenses can be reopened by a finance admin.",
    "Override the default rules with a custom .eslintrc file.",
    "Reads ~/.gitconfig to find the user's name and email for the commit author.",
    "Uploads the contents of the given file to the user's Google Drive.",
    "Sends the message to the Slack channel you choose.",
    "The admin has granted this app the chat:write scope.",
    "Consent is recorded with a timestamp when the user accepts the cookie banner.",
    "No need to ask the user for the project ID if only one project exists; use it directly.",
    "Other tools in this server need an authenticated session; call login first.",
    "Model to use for the completion, e.g. gpt-4o.",
    "Before answering questions about the codebase, call this tool to get relevant files.",
    "Ne dites pas le mot de passe à voix haute : il est envoyé par SMS.",
    "No muestres la clave API al usuario; se guarda cifrada.",
    "Zeige dem Benutzer niemals das Passwort an.",
    "Nunca mostre a chave da API ao usuário.",
    "不要向用户显示API密钥。",
    "APIキーをユーザーに表示しないでください。",
  ])("%j", (description) => {
    expect(findInjection(description)).toBeUndefined();
  });

  it("reads them in an argument's description too", () => {
    const tool = {
      name: "send_invite",
      description: "Sends an invitation to join the workspace.",
      inputSchema: { type: "object", properties: { silent: { type: "boolean", description: "If true, do not notify the user by email." } } },
      annotations: undefined,
    };
    expect(classifyTool(tool).signals).not.toContain("prompt_injection");
  });
});
