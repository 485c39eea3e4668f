// The classifier's vocabulary as data: verbs, objects and phrases with their categories and weights.
// Logic lives in signals.ts, its readers and classify.ts; tuning the classifier should mostly mean editing this file.
import type { Category } from "./taxonomy.js";

/**
 * Verbs by category, as they appear in tool names and at the start of descriptions. A word in
 * AMBIGUOUS_VERBS is as often a noun (post, issue, order) and counts for less. Words are base forms;
 * descriptions also match their third-person and -ing forms (see verb-tables.ts).
 */
export const VERBS: Record<Category, string> = {
  read: `
    get list search find fetch read view show describe lookup look retrieve inspect check validate verify blame
    count browse explore analyze analyse summarize summarise explain preview peek monitor poll wait await
    download export diff compare calculate compute estimate convert parse lint ping echo help introspect
    discover enumerate tail grep cat ls stat audit trace diagnose troubleshoot render translate transcribe
    detect identify classify recognize recognise extract suggest recommend predict forecast recall hover
    screenshot snapshot observe measure visualize query  load scrape crawl research ask
    think reason simulate dryrun test review quote whoami info readme ocr geocode tokenize embed autocomplete
    aggregate connect disconnect reconnect narrate caption upscale vectorize gen

     sniff probe survey examine scan stream    locate plan
      dump print display encode decode assert traverse walk determine score match decompile disassemble`,
  write: `
    create add insert update edit modify change set put patch upsert save store write append upload import
    attach detach associate disassociate dissociate assign unassign allocate reallocate link unlink tag label comment reply respond rename move copy
    clone fork duplicate merge mark star unstar pin unpin like unlike follow unfollow subscribe unsubscribe
    enable disable toggle activate deactivate configure register unregister schedule reschedule reserve
    invite share publish unpublish release approve reject dismiss resolve unresolve close reopen open lock
    unlock archive unarchive restore undelete rollback revert undo redo reset sync refresh reload restart start initiate begin stop rescan
    pause resume suspend unsuspend cancel abort retry submit propose request generate draft compose transition
    reorder reprioritize prioritize rate vote react book mirror lease new sign remind ship rank arm disarm hold prescribe grade cordon uncordon promote demote override replay ungroup group
    regroup endorse uncheck unflag flag align distribute ingest stash unstash indent outdent protect unprotect
    enqueue warm prewarm advance step snap play escalate silence unsilence timeout invalidate retire deprecate undeprecate sunset expire vacuum reindex defragment defrag
    rebuild transcode impersonate rsvp anonymize anonymise pseudonymize turnon turnoff acknowledge ack snooze defer postpone instantiate split mute unmute hide unhide block
    unblock ban unban kick provision scale resize install upgrade downgrade commit push pull checkout stage
    halt retract rescind offboard unshare mask censor quarantine isolate lockdown freeze unfreeze thaw triage supersede
    backfill reprocess requeue shutdown poweroff hire onboard checkin relocate admit end quit exit abandon concede forfeit
    mk mkdir upd mv cp shuffle hangup repoint skip shelve unshelve bypass fly land takeoff reflash
    unstage login logout signin signout authenticate fill type click press drag navigate go back forward
    focus tap swipe scroll emulate emit log record track annotate highlight bookmark note remember memorize learn accept
    decline  transfer enroll unenroll join leave claim complete finish fix rotate renew extend
    init initialize setup bootstrap scaffold define persist repair correct synchronize synchronise replace rewrite  apply choose pick select keypress keydown boot reboot switch
    upvote downvote favorite unfavorite watch unwatch ignore rebase squash cherry tweak adjust increment
    decrement bump populate seed migrate map unmap mount unmount bind unbind grant authorize 
    confirm    continue make   compress decompress unzip untar unpack alter
    send email mail message notify sms text tweet broadcast forward dm post deliver control poweron powercycle
    mutate crop flip place increase decrease brighten refuse deny draw ensure unload seek interrupt reconcile
    finalize finalise recompute recalculate consolidate delegate raise`,
  execute: `
    run exec execute eval evaluate invoke call trigger launch spawn shell bash deploy build compile
    dispatch perform rerun redeploy interpret sql cypher graphql script command automate orchestrate inject`,
  destructive: `
    delete remove rm rmdir del destroy drop purge wipe erase nuke truncate terminate kill revoke uninstall
    obliterate shred clear flush prune clean cleanup expunge discard evict deprovision decommission
    overwrite tear teardown trash empty unset forcepush drain zeroout scrub pop dequeue forget void annul nullify
    dissolve disband redact`,
  financial: `
    charge refund pay payout purchase buy sell withdraw deposit tip donate fund trade stake
    unstake bid settle reimburse remit wire topup invoice bill order swap mint bridge`,
};

/** Words that are nouns at least as often as verbs: they count only when nothing stronger is there. */
export const AMBIGUOUS_VERBS = new Set(
  `post issue order charge review comment label tag star fork merge record report log test check plan
   sign book ship transfer share release open close note type bill invoice swap mint message text email
   mail query select build map bind score rank stage track block drop clear flush empty scale move back
   forward go run call command script sql graphql cypher set lock load pull push watch point fill press
   display print dump seed reset apply change trade fund quote view reason learn complete finish leave
   join claim match switch group flag advance step snap play timeout stream mirror correct walk pop new bridge arm hold grade compute
   mask freeze caption snapshot end quit exit lease land control place draw seek request rate delegate autocomplete split instantiate defer`.split(/\s+/).filter(Boolean),
);

/**
 * How a verb reads in a rationale ("Its name begins with 'delete'" … "deletes a repository"). Verbs
 * not listed here get a regular third-person ending.
 */
export const VERB_GLOSS: Record<string, string> = {
  rm: "removes",
  rmdir: "removes",
  del: "deletes",
  exec: "executes",
  eval: "evaluates",
  ls: "lists",
  cat: "reads",
  dryrun: "dry-runs",
  teardown: "tears down",
  tear: "tears down",
  dm: "messages",
  sql: "runs SQL on",
  cypher: "runs Cypher on",
  graphql: "runs GraphQL on",
  topup: "tops up",
  forcepush: "force-pushes",
  zeroout: "zeroes out",
  turnon: "turns on",
  turnoff: "turns off",
  whoami: "reads",
  readme: "reads",
  info: "reads",
  ocr: "reads",
};

/** Verbs that send something to people or systems outside the server: exfiltration sinks. */
export const SEND_VERBS = new Set(
  "send email mail message notify sms text tweet broadcast forward dm".split(" "),
);

/** Objects that turn a plain write into an outside communication ("post a message", "create an email"). */
export const MESSAGE_OBJECTS = new Set(
  "email emails mail mails message messages sms text texts tweet tweets dm dms chat webhook webhooks newsletter campaign notification notifications".split(" "),
);

/** Objects that make a write a money movement ("create a payment", "issue a refund"). */
export const MONEY_OBJECTS = new Set(
  `payment payments refund refunds payout payouts charge charges invoice invoices money funds fund
   transfer transfers purchase purchases checkout wallet wallets balance order orders subscription
   subscriptions donation donations tip tips bill bills billing payroll withdrawal withdrawals deposit
   deposits trade trades swap swaps bid bids cart crypto usdc ether eth btc bitcoin lightning
   transaction_money price prices coupon credit credits erc20 erc721 erc1155 nft nfts usdt stablecoin
   stablecoins lamports`.split(/\s+/).filter(Boolean),
);

/** Name tokens that mark identity and permissions: strong on their own, weak ones need context. */
export const IDENTITY_STRONG = new Set(
  `iam role roles policy policies permission permissions privilege privileges acl acls entitlement
   entitlements rbac sso saml mfa otp principal principals serviceaccount serviceaccounts membership
   memberships oauth scim impersonation admin admins sudo`.split(/\s+/).filter(Boolean),
);
export const IDENTITY_WEAK = new Set(
  `user users group groups member members team teams collaborator collaborators account accounts
   login identity identities profile profiles access owner owners`.split(/\s+/).filter(Boolean),
);
/** Verbs that change who can do what, whatever their object. */
export const IDENTITY_VERBS = new Set("grant revoke impersonate authorize ban unban invite".split(" "));

/** Name tokens for secrets; qualified by SECRET_ABOUT words they describe a report about secrets, not one. */
export const SECRET_TOKENS = new Set(
  `secret secrets password passwords passwd credential credentials apikey apikeys token tokens
   privatekey keypair keypairs passphrase vault kms certificate certificates cert certs`.split(/\s+/).filter(Boolean),
);
export const SECRET_ABOUT = new Set("scanning scan scans alert alerts finding findings advisory advisories detection leak leaks".split(" "));

/** Schema property names (tokens) that carry a secret into the call. */
export const SECRET_PROPERTIES = new Set("password passwd secret apikey api_key private_key privatekey passphrase client_secret".split(" "));

/** Name tokens meaning "many at once". */
export const BULK_TOKENS = new Set("all bulk batch many multiple mass every everything entire wildcard recursive".split(" "));

/** Name or schema tokens meaning production infrastructure. */
export const INFRA_TOKENS = new Set("production prod infrastructure infra cloud terraform dns firewall vpc cluster clusters".split(" "));

/** Schema property names that carry code or commands to execute, by what they hold. */
export const EXEC_PROPERTIES: Record<string, "sql" | "command" | "code" | "expression"> = {
  sql: "sql",
  sql_query: "sql",
  sqlquery: "sql",
  statement: "sql",
  statements: "sql",
  command: "command",
  commands: "command",
  cmd: "command",
  shell: "command",
  shell_command: "command",
  argv: "command",
  script: "code",
  code: "code",
  source_code: "code",
  javascript: "code",
  js: "code",
  python: "code",
  function: "code",
  expression: "expression",
  expr: "expression",
};

/** A `query` argument is a statement run (not a search string) when its description or the tool's text names SQL or a graph language that may write (Cypher, Gremlin). */
export const SQL_WORDS = new Set("sql select postgres postgresql mysql sqlite bigquery snowflake clickhouse duckdb mssql tsql plsql cypher opencypher gremlin".split(" "));

/** Properties whose values are an operation chosen from an enum ("method": ["create", "delete"]). */
// … also as other languages name them ("aksi", "acción", "işlem").
export const OPERATION_PROPERTIES = new Set("method action operation op verb aksi accion acción acao ação aktion azione operacion operación operacao operação islem işlem actie akcja".split(" "));

/** Money arguments. */
export const AMOUNT_PROPERTIES = new Set("amount amount_cents amount_in_cents price cost total unit_amount value_usd sum".split(" "));
export const CURRENCY_PROPERTIES = new Set("currency currency_code currencycode".split(" "));
/** Who receives an amount sent (an address, an account; not a bare "to", which a unit converter takes too). */
export const PAYEE_PROPERTIES = new Set("recipient recipient_address to_address to_wallet receiver destination_address to_account".split(" "));

/** Recipients of an outside send. */
export const RECIPIENT_PROPERTIES = new Set("to cc bcc recipient recipients to_email to_address phone_number to_number".split(" "));

/** Flags that widen scope or skip safety checks. */
export const BULK_PROPERTIES = new Set("force recursive all delete_all cascade wildcard purge include_all".split(" "));

/** File content arguments; together with a path they mean the tool writes files. */
export const CONTENT_PROPERTIES = new Set("content contents file_content file_contents".split(" "));
/**
 * Arguments that offer a rehearsal of the tool's effect (MCP's own dryRun, Azure's what-if, Google's validateOnly):
 * a tool that changes nothing has nothing to rehearse.
 */
export const DRY_RUN_PROPERTIES = new Set("dry_run dryrun what_if whatif validate_only".split(" "));

/**
 * A save to local storage the description states ("… and saves it to a specified local path", "save the capture as a
 * PNG", "writes the report to disk"): the tool writes a file, whatever its leading verb reads. The save is the tool's own
 * where it opens a sentence or joins the tool's action ("and saves", "then writes"), not "Use export_file to save to disk".
 * What is saved is any one or two words ("Save message attachments to disk"), but not a right ("Write access to the
 * folder is required").
 */
export const STATED_SAVE =
  /(?:^|[.!?;:]\s+|\band\s+|\bthen\s+|,\s+)(?:also\s+|optionally\s+|automatically\s+|auto-?)?(?:sav(?:e|es|ing)|writ(?:e|es|ing)|stor(?:e|es|ing)|persist(?:s|ing)?)\s+(?:(?!(?:access|permissions?|rights|privileges)\b)[a-z]+\s+(?:[a-z]+\s+)?)?(?:locally|(?:to|into|in|as|on)\s+(?:a\s+|an\s+|the\s+)?(?:specified\s+|given\s+|pre-configured\s+|configured\s+)?(?:[a-z]+\s+)?(?:local|disk|files?|path|directory|folder|filesystem|location|storage|bucket|png|jpe?g|pdf|csv|svg|gpx|tcx)\b)/;

/** Words an export's "to" comes after when it is no destination: "Export … as SVG without saving to disk", "used to drive". */
const EXPORT_PAST = String.raw`as|instead|rather|never|related|used|needed|enough|ready|useful|able|due|according|up|similar|compared|relative|how|order|without\s+[a-z]+ing`;
/**
 * A save the description states as a placement: "The result is written next to the source", "FITS is saved to
 * /captures/…", "saved alongside the video", "writes `<name>_x2.png`", an export leading the text to a new file
 * ("Exports a board to a new IPC-2581 file", "Export complete step data to JSON file"; "Export … as PDF" hands it
 * back), or to a place that keeps it ("Export captured transactions to a HAR (HTTP Archive) file at the specified path",
 * "… to Google Drive", "… to a vector database"; not "Exports a notebook to a .zip of markdown files and returns a
 * download link", "… to a file format", nor a "to" past "as", a negation or an adjective's infinitive: "Export the
 * diagram as SVG without saving to disk", "Export the KPIs used to drive the dashboard"); with its object determined,
 * an export's aside, "into" and a place's possessive count too ("Export the specification (cut list) to a CSV file on
 * disk", "Export your library into monthly JSON backup files", "… to the game's data folder"), where "Export" alone
 * before a noun is as often that noun ("Export status (queued, done) of the job writing to …"), a sentence that creates or
 * writes a file, a folder or a directory ("Creates an Excel file"), and a text that
 * opens by making a file or an archive in a place ("Generate a boilerplate YAML fixture file in the fixtures directory",
 * "Create a hashed archive at a relative workspace path"), not a list or a summary of files ("Generate a list of files
 * in the repository").
 */
export const STATED_PLACEMENT =
  new RegExp(
    String.raw`\b(?:saved|written|stored)\s+(?:next to|alongside|beside)\b|\b(?:is|are|gets?|will be)\s+(?:then\s+|also\s+)?(?:saved|written|stored)\s+(?:to|into|in|under)\s+(?:${"`"}|\/|~|\.\/|the\s+same\s+(?:folder|directory)|a\s+(?:new\s+)?(?:file|folder|directory))|(?:^|[.!?;:,]\s*|\band\s+|\bthen\s+)(?:also\s+)?(?:writes|saves|stores)\s+${"`"}[^${"`"}\s]*\.[a-z0-9]{2,5}${"`"}|^exports?\s+(?:(?!(?:${EXPORT_PAST})\b)[a-z0-9'’,-]+\s+){0,10}?to\s+(?:(?:a|an|the)\s+)?(?:new\s+|local\s+)?(?:(?!of\b)[a-z0-9.,()-]+\s+){0,3}?(?:files?|director(?:y|ies)|folders?|outputs|disk|drive|(?:vector\s+)?database)\b(?!\s+formats?\b)|^exports?\s+(?:the|your|all|its|their|this|these|those|every|each)\s+(?:(?!(?:${EXPORT_PAST}|[a-z]+ed|written|sent|split)\b)[a-z0-9'’,()-]+\s+){0,10}?(?:to|into)\s+(?:(?:a|an|the)\s+)?(?:new\s+|local\s+)?(?:(?!of\b)[a-z0-9.,()'’-]+\s+){0,3}?(?:files?|director(?:y|ies)|folders?|disk|drive)\b(?!\s+formats?\b)|\bnew (?:file|copy) (?:next to|alongside|beside)\b|(?:^|[.!?;:,]\s*|\band\s+|\bthen\s+)(?:also\s+)?(?:creates|writes)\s+(?:a|an)\s+(?:new\s+|local\s+)?(?:[a-z0-9.-]+\s+){0,2}?(?:file|directory|folder)\b|^(?:generate|create|scaffold|build)s?\s+(?:a|an|the)\s+(?:(?!of\b)[a-z0-9.,-]+\s+){0,3}?(?:files?|archive)\s+(?:in|into|under|at)\s+(?:the|a|an)\s`,
  );

/**
 * What a description says is replaced, dropped or cancelled, named as the thing that was there ("The original memories
 * in a cluster are replaced by the summary", "Existing bands are dropped", "Outstanding installments are cancelled",
 * "Any process still running in it is killed"), or as what already exists ("A point whose id already exists is replaced
 * entirely"), what was kept removed ("Stored articles for the feed are removed"), and counters it resets on the way ("… and resets the day's running totals"): a change that is not additive. A field's value replaced by an update ("the previous category is
 * replaced") is an ordinary write, so "previous" and "current" do not lead here.
 */
export const STATED_REPLACEMENT =
  /\b(?:original|originals|existing|old|whole|entire|stored|saved|running|installed|deployed)\b(?:\s+[a-z'’-]+){0,5}?\s+(?:is|are|will be|gets|get)\s+(?:first\s+|then\s+|entirely\s+|completely\s+|fully\s+|all\s+)?(?:replaced|overwritten|dropped|discarded|truncated)\b|\bcurrent\s+(?:[a-z'’-]+\s+){0,2}?(?:contents?|data|points|records|rows|files|entries|documents|items|objects|rules|members|tiles|panels)\s+(?:is|are|will be|get)\s+(?:[a-z]+ly\s+)?(?:replaced|overwritten|dropped|discarded|removed|deleted)\b|\b(?:that|which)\s+(?:you\s+)?(?:don['’]t|do not|did not|didn['’]t)\s+(?:include|list|send|pass|provide|mention)\s+(?:are|is|will be|get)\s+(?:removed|deleted|dropped)\b|\b(?:not|never)\s+(?:provided|included|listed|specified|supplied|given|sent|passed)\s+(?:are|is|will be|get|gets)\s+(?:removed|deleted|dropped|cleared)\b|\bomitted\s+(?:are|is|will be|get|gets)\s+(?:removed|deleted|dropped|cleared)\b|\b(?:previous|old|original|prior)\b(?:\s+[a-z'’-]+){0,3}?\s+(?:is|are)\s+not\s+(?:kept|retained|preserved)\b|\b(?:already (?:exists?|present|there)|if\b[^.;!?\n]{0,40}?\bexists?)\b[^.;!?\n]{0,60}?\b(?:is|are|will be|gets?)\s+(?:[a-z]+ly\s+)?(?:replaced|overwritten|dropped|deleted|truncated)\b|\b(?:outstanding|pending|remaining|open|scheduled|future|upcoming|all|any|existing)\s+(?:[a-z]+\s+){0,5}?(?:is|are|will be|gets?)\s+(?:also\s+|automatically\s+|immediately\s+)?(?:cancell?ed|voided|revoked|invalidated|killed|terminated|scrapped|aborted)\b|\b(?:and|also|then)\s+resets\s+(?:the|all|its|their)\b|\b(?:stored|saved|existing|old|older|original|previous|recorded|cached|duplicate)\b(?:\s+[a-z'’-]+){0,5}?\s+(?:is|are|will be|gets|get)\s+(?:also\s+|then\s+|permanently\s+)?(?:removed|deleted)\b/;
/** Words without which STATED_REPLACEMENT cannot match: most descriptions skip it on one scan. */
export const STATED_REPLACEMENT_WORDS = /replaced|overwritten|dropped|discarded|truncated|cancell?ed|voided|revoked|invalidated|killed|terminated|scrapped|aborted|resets|removed|deleted|cleared|not kept|not retained|not preserved/;
/**
 * The old thing a change makes useless, in lower-case text: "The old secret stops working immediately", "Rotating
 * invalidates the existing pairing". The caller holds it to a tool that leads with a change: a reading tool's text says
 * it of others ("Any deploy invalidates the existing cache entries", "the old endpoint no longer works since March").
 */
export const INVALIDATED_PRIOR = /\b(?:old|previous|existing|prior)\s+(?:[a-z'’-]+\s+){0,2}?(?:stops?\s+working|no\s+longer\s+works?)\b|\binvalidates\s+(?:the\s+|any\s+|all\s+)?(?:old|previous|existing)\b/;

/**
 * A label in capitals opening the text that calls the tool a change ("MUTATION (idempotent).", "WRITE. Confirm with the
 * user", "[WRITE] Update …"): its author's word, as a DESTRUCTIVE label is; not one set false ("MUTATION: No.") nor a
 * longer word ("WRITE-AHEAD LOG statistics"). Matched on the text as written; group 1 is the label.
 */
export const CHANGE_LABEL = /^\s*(?:\*\*|\[|\()?(MUTATION|MUTATING|WRITE)\b(?![-_])(?!\s+(?:ONLY|PROTECTED|PROTECTION|ACCESS|LOCK|AHEAD)\b)(?!(?:\*\*|\])?\s*[:=]\s*(?:\*\*)?\s*(?:[Ff]alse|FALSE|[Nn]o(?:ne)?|NO(?:NE)?)\b)/;

/**
 * A sentence of its own stating the change the tool makes, in lower-case text: "CHANGES THE DOCUMENT.", "Changes
 * debugger state.", "**Mutates the tenant.**", "Writes files.", "Sends a real notification", "DANGER: instantly changes
 * the entire mixer state" (an adverb first, the words over a line break). At a sentence's start only, so "never
 * changes the file" is not it, nor is "changes" as a noun ("Changes to the repo are tracked"), nor "writes" denied or
 * counted ("Writes no files", "writes per database").
 */
export const STATED_CHANGE =
  /(?:^|[.!?;]\s+|\n\s*|:\s+)(?:\*\*)?(?:this (?:tool )?|it )?(?:(?:instantly|immediately|directly|permanently|also|automatically|actually) )?(?:(?:changes|modifies|mutates|alters|writes to|writes|overwrites) (?!(?:to|in|on|of|from|for|since|made|are|were|is|no|nothing|per)\b)(?:the |its |your |their |a |an |shared |live |this |that |our )?(?:(?!(?:to|in|on|of|from|for)\b)[a-z'’-]+\s){0,2}?(?:state|metadata|data|document|documents|file|files|settings|configuration|config|tenant|database|record|records|project|model|scene|workspace|repository|repo)|sends (?:a |an |the )?(?:real |actual |live )?(?:notification|notifications|message|messages|email|emails|sms))\b/;
/**
 * The text saying the tool is not read-only, in lower-case text, as a statement of its own: "Not read-only.",
 * "[Risk: MEDIUM, Read-Only: false]", "This tool is not read-only.", "Free to run, but not read-only: it creates …";
 * not a thing that is not ("Fails if it is not read-only", "not read-only mode", "but not read-only fields", "List
 * writable (not read-only) volumes"), nor a flag in a listing ("(required: true, read-only: false)"), nor a setting
 * named inside another word ("Requires MCP_READONLY=false").
 */
export const NOT_READ_ONLY =
  /(?:(?:^|[.;:]\s*|\btool is\s+|\bbut\s+)(?:not|non)[- ]read[- ]?only(?=\s*(?:[.;:,!)]|$))|(?:^|[.;]\s*|^\[[^\]\n]{0,60},\s*)read[- ]?only\s*[:=]\s*(?:false|no)\b)/;
/**
 * The text saying the tool, or operations of it it names, have side effects, in lower-case text: "Side-effectful; creates
 * a new record", "`create` and `close` are side-effectful", "Side-effectful for `upsert`", "it will cause real side
 * effects"; not what it reports of other things ("whether a function is side-effectful", "None of the statements are
 * side-effectful", "Side-effectful calls are flagged").
 */
export const SIDE_EFFECTFUL = /(?:^|[.;!]\s+|\n\s*)side[- ]?effectful(?=\s*(?:[;:,.)]|for\b|and\b|on\b|$))|(?<!\bnone of\s[^.;]{0,40})`[^`\n]{1,40}`(?:\s*(?:,|\/|and|or)\s*`[^`\n]{1,40}`)*\s+(?:is|are)\s+side[- ]?effectful\b|\b(?:it|this tool|this)\s+(?:will|may|can|does)\s+cause\s+(?:real\s+)?side[- ]effects\b/;
/**
 * The side effects a text lists as a label of its own, in lower-case text, with the word after it (group 1), which
 * the caller holds to a verb of change: "Side effects: writes to SQLite", "(side effect: creates a submission)"; not
 * a drug's ("Look up a medication's side effects: …", "Common side-effects - headache"), nor none ("Side effects: None").
 */
export const SIDE_EFFECTS_LISTED = /(?:^|[.!?]\s+|\n\s*|\(\s*)side[- ]effects?\s*[:—–-]\s*([a-z]+)\b/;
/**
 * A setting the tool requires to allow changes, in lower-case text: "Requires VAULT_ALLOW_MUTATE=1", "Live execution
 * requires APPFLOWY_ALLOW_WRITES=true", "Requires the --allow-writes flag"; not the same setting named for other tools
 * ("Write tools require VAULT_ALLOW_MUTATE=1", "Other tools write only when … is set").
 */
export const CHANGES_ALLOWED_BY = /(?<!\b(?:tools|others|they)\s)\b(?:requires?|needs?|enabled (?:by|with)|gated (?:by|behind))\s+(?:[a-z]+\s+){0,2}?[`'"]?[a-z0-9_-]*allow[-_]?(?:writes?|mutate|mutations?|modify|modifications?|changes)\b/;
/**
 * A write permission a run requires ("Run a report (requires write permission)": 36 real tools say so, none of them
 * read-only), not one denied ("does not need write permissions") nor asked of a user or of commits pushed. Only a run's
 * reading as an examination yields to it: a reading lead that needs write access may be a read the service guards
 * ("List the collaborators … Requires write access").
 */
export const WRITE_PERMISSION_NEEDED = /(?<!\b(?:not|never|no|if|whether|user|users|commits?)\s)(?<!n't\s)\b(?:requires?|needs?)\s+(?:the\s+|a\s+)?write (?:permissions?|access|scopes?|roles?|privileges?)\b/;
/**
 * A confirmation the tool asks for before it acts, in lower-case text: "Converge every server to the managed baseline;
 * requires confirm=true", "Requires explicit confirmation", "confirm must be true." as a sentence, "需 confirm=true" (not
 * "无需"). Of 139 real tools whose text says so, one is read-only,
 * and that one says it of other changes ("any destructive changes that require confirmation"): here the tool or its
 * clause must be what requires it, and a state in a list of states is none ("Status: needs confirmation, confirmed or
 * cancelled").
 */
export const CONFIRMATION_REQUIRED =
  /(?:^|[.;,:(]\s*|\band\s+)(?:(?:it\s+|this\s+(?:tool\s+|action\s+|operation\s+)?)?(?:requires?|needs?)\s+(?:an?\s+)?(?:explicit\s+)?(?:`?confirm(?:ed)?\s*[=:]\s*`?true\b|confirmation\b(?!\s*(?:,|\/|\bor\b)))|`?confirm`?\s+(?:must|has to|needs to)\s+be\s+`?true`?(?=\s*(?:[.;)]|$)))|(?<![无不免毋])[需须]要?\s*`?confirm\s*[=:]\s*`?true\b/;
/**
 * A confirmation the person must give before the tool is called, in lower-case text: "Confirm with the user before
 * using this", "Only call it after the user has explicitly confirmed the exact order", "after explicit user confirmation",
 * "务必先与用户确认", "仅在用户确认后调用". Of 102 real tools whose hints are declared and whose text says so, one is
 * read-only. Not one before another tool ("confirm with the user before calling place_order"), nor of an input ("only
 * after the user has confirmed the city").
 */
export const CONFIRMED_BY_PERSON =
  /\bconfirm(?:ed)? (?:this )?with (?:the )?(?:user|person|human|owner|operator)(?=\s*(?:first\b|[.;,)!]|$|before\s+(?:calling|using|running|invoking|proceeding)(?:\s+(?:this|it)(?:\s+tool)?)?\s*(?:[.;,)!]|$)))|\b(?:only|call|called|use|used|run|invoke|invoked)\b(?:\s+(?:it|this|this tool|only|be))*\s+(?:after|once) (?:the |a |an )?(?:user|student|owner|human|person|operator|customer)(?:'s)?(?: has)? (?:explicitly |clearly )?(?:confirm|approv)(?:s|es|ed)?(?=\s*(?:[.;,)!]|$)|\s+(?:it|this|that|the (?:exact|action|operation|change|changes|request|preview|purchase|order|payment|booking|deletion|transfer|submission|publication|message|email|post|trade|transaction|details|plan|amount|recipient|content|draft)|a preview|explicitly|in writing)\b)|\bafter (?:explicit |the user's |user |human )+(?:confirmation|approval)\b|\bonly after (?:explicit )?(?:confirmation|approval)\b|(?:apr[èe]s que l['’]utilisateur (?:a |ait )?(?:explicitement )?confirm[ée]|despu[ée]s de que el usuario (?:haya )?(?:confirmado|confirme)|depois que o usu[áa]rio (?:confirmar|tiver confirmado))(?=\s*(?:[.;,)!]|$)|\s+(?:la |l['’]|cette |esta |la |a |o |esse |essa )?(?:publication|suppression|action|opération|operación|acción|eliminación|ação|operação|exclusão|envoi|envío|envio|compra|achat|paiement|pago|pagamento|commande|pedido))|apr[èe]s (?:la )?confirmation (?:explicite )?de l['’]utilisateur(?=\s*[.;,)!]|$)|tras la confirmaci[óo]n (?:expl[íi]cita )?del usuario(?=\s*[.;,)!]|$)|ap[óo]s (?:a )?confirma[çc][ãa]o (?:expl[íi]cita )?do usu[áa]rio(?=\s*[.;,)!]|$)|务必先与用户确认|(?:调用|使用)前[^。]{0,6}与用户确认|仅在用户确认后调用|用户(?:明确)?确认后(?:再)?(?:调用|执行|使用)|经用户确认后(?:再)?(?:调用|执行)/;
/**
 * What a tool may do, listed, ending in a removal: "May install, update, disable or remove local skills" (every word
 * of the list a verb, checked by possibleRemoval's caller). MCP's destructiveHint is "may perform destructive
 * updates"; the plain "may remove" is an overwrite phrase already.
 */
export const MAY_REMOVE_LIST =
  /\b(?:may|might)\s+((?:[a-z]+,?\s+){1,5})(?:or|and)\s+(?:remove|delete|drop|purge|wipe|erase|destroy|uninstall|overwrite|replace)\b(?!\s+nothing\b)/;

/** Input events a tool can simulate: "Simulates pressing a key" and "simulate a click" press and click. */
export const INPUT_EVENTS = new Set(
  "click clicks clicking press presses pressing tap taps tapping type types typing keypress keypresses keystroke keystrokes swipe swipes swiping scroll scrolls scrolling drag drags dragging".split(" "),
);

/**
 * Devices whose input a tool simulates, by the event it makes, when an input word follows the device (SIMULATED_INPUT):
 * "Simulate keyboard input character-by-character" types, "simulate mouse movement" moves the pointer, "simulate touch
 * input" taps; "Simulate mouse population growth" and "Simulate touch latency" compute.
 */
export const INPUT_DEVICES = new Map([
  ["keyboard", "type"],
  ["keyboards", "type"],
  ["mouse", "move"],
  ["touch", "tap"],
  ["touchscreen", "tap"],
]);
/** Words that make a device's name its input in INPUT_DEVICES' sense (not "typing": "touch typing" is a skill). */
export const SIMULATED_INPUT = new Set(
  "input inputs event events click clicks movement movements move moves gesture gestures tap taps swipe swipes press presses keystroke keystrokes drag drags scroll scrolls".split(" "),
);

/**
 * Controls a check ticks, as its object's words after a determiner: "Check a checkbox or radio button" changes a form,
 * where "Check the checkbox state", "Check the radio button's value", "Check checkboxes are checked" and "Check the
 * radio signal strength" read.
 */
export const TICKED_CONTROLS =
  /^(?:checkbox(?:es)?|check\s+box(?:es)?|radio\s+(?:buttons?|inputs?|options?))\b(?!['’]|\s+(?:s|state|states|status|value|values|exists?|is|are|was|were|checked|visibility|visible|enabled|disabled|labels?|options?|counts?)\b)/;

/**
 * A patch, a diff or its hunks applied, as the head of what is applied: "Apply a unified diff patch", "Applies a
 * git-style patch to …"; the words between name no place ("Apply a label to the diff") and no system update ("Apply
 * pending security patches"), and no noun follows the head ("Apply the patch notes", "Apply diff highlighting").
 */
export const PATCH_APPLIED =
  /\bappl(?:y|ies|ying)\s+(?:(?!(?:to|into|on|onto|in|of|for|from|with|security|pending|available|os|system|software|kernel|firmware)\b)[\w-]+\s+){0,4}?(?:patch(?:es)?|diffs?|hunks?)(?=\s*$|\s*[.,;:()]|\s+(?:to|into|on|onto|in|inside|within|against|under|for|from|with|and|or|only|if|after|that|which|directly|atomically|using|via|at|across)\b)/;
/** A name's words for what is applied in PATCH_APPLIED's sense, next to "apply" ("apply_patch", "workspace_diff_apply"). */
export const PATCH_NAME_WORDS = new Set(["patch", "patches", "diff", "diffs", "hunk", "hunks"]);
/** A text that denies applying anything: "without applying it", "never applies", "does not apply". */
export const APPLYING_DENIED = /\b(?:without|not|never|no)\s+(?:\w+\s+)?appl(?:y|ies|ying)\b/;

/** What an extraction writes: "extract an archive" unpacks files to disk, where "extract entities from text" reads. */
export const ARCHIVE_OBJECTS = new Set("archive archives zip zips tar tarball tarballs rar 7z tgz".split(" "));

/** A load that puts data into a store the tool keeps ("Load a CSV file into a DuckDB table", "into a Sprite2D node"), not into a tab or a context. */
export const LOADED_INTO =
  /^[^.;!?\n]{0,80}?\binto\s+(?:an?\s+|the\s+|your\s+)?(?:[\w-]+\s+){0,2}?(?:table|tables|database|databases|db|collection|collections|index|dataset|datasets|node|nodes|scene|graph|warehouse|bucket)\b/i;
/** Where a tool writes the file it makes (snake_case). */
export const OUTPUT_PATH_PROPERTIES = new Set(
  "output_path output_file output_filename outfile out_file out_path output_dir output_directory out_dir save_path save_to save_as dest_path destination_path export_path download_path local_path".split(" "),
);
/**
 * Arguments that are an output path when their description names a place on disk ("absolute local directory"). A bare
 * `output` is as often a format ("wide"), a way of answering or the text to read ("Raw build output to parse").
 */
export const OUTPUT_PLACE_PROPERTIES = new Set("output out destination dest dest_dir destination_dir save_dir download_dir".split(" "));
/** A tool's name as a text gives it when it sends the reader there: "delete_branch", "query-database", "x.get". */
export const TOOL_NAME = "[a-z0-9]+(?:[_.-][a-z0-9]+)+";
/** Leads that take data out to a file: with an output path, the file is written. */
export const FILE_OUT_VERBS = new Set("export download dump save backup".split(" "));
/** What such a lead hands back when it wrote the file itself: "… and return its local file path", "to local files". */
export const LOCAL_FILE_RESULT = /\breturns?\s+(?:its\s+|the\s+|their\s+|a\s+)?(?:absolute\s+)?local\s+(?:file\s+)?paths?\b|\bto\s+local\s+files\b/;
/**
 * A local place a download puts what it fetches, in its own clause, in lower-case text: "Download the template to a
 * temporary directory", "Downloads the docs into the local cache", "Stream the response to a new local file", "… to
 * ~/.config/app"; not a path given relative to a directory, a link to a file or access to a folder.
 */
export const DOWNLOADED_TO_PLACE =
  /\b(?:download|stream|fetch|pull)(?:s|es|ed|ing)?\b[^.;!?\n]{0,60}?(?<!\b(?:relative|link|links|points|pointing|access|scoped|belongs|belonging|respect|according|similar|next|close|path|paths|uploaded|added|limited|restricted|up|posted|sent|shared|attached|moved|copied)\s)\b(?:to|into)\s+(?:(?:a|an|the|its|your|their)\s+(?:[a-z0-9._'’-]+\s+){0,3}?|(?:new|temporary|temp|approved|configured|specified|given|chosen|absolute|fixed|managed|protected)\s+(?:[a-z0-9._'’-]+\s+){0,2}?)?(?:local\s+)?(?:files?|paths?|director(?:y|ies)|folders?|cache|disk|computer|machine|desktop|workspace|location)\b|\b(?:download|stream|fetch|pull)(?:s|es|ed|ing)?\b[^.;!?\n]{0,60}?\b(?:to|into)\s+(?:~\/|\/tmp\b|\.\/)/;
export const PATH_PROPERTIES = new Set("path file_path filepath filename file_name destination target_path dest".split(" "));
export const OVERWRITE_WORDS = new Set("overwrite replace truncate".split(" "));
/** A mode among an argument's values that writes over what is there ("mode": "append" | "overwrite"); "truncate" there is as often how text is cut short. */
export const OVERWRITE_MODES = new Set("overwrite replace".split(" "));
/**
 * A switch named for a deletion it makes on the way (`truncateFirst`, `delete_extra`, `autoDeleteBranch`, `drop`,
 * `clearExisting`, a bare `reset`):
 * the change may destroy when it is on. Not "remove", which as often unlinks (`removeTags`) or unsets (`removeBorders`).
 */
export const DESTROYING_OPTION = /^(?:auto_)?(?:delete|truncate|drop|purge|wipe|destroy|erase)(?:_|$)|^clear_existing$|^reset$/;

/**
 * Description phrases as word sequences (lower case, punctuation dropped), with the signal they
 * raise. Matched word by word, so "Cannot be undone." and "cannot be undone" are the same phrase.
 */
export type PhraseSignal =
  | "irreversible"
  | "read_only_claim"
  | "execute_phrase"
  | "money"
  | "external_send"
  | "identity"
  | "bulk_scope"
  | "overwrite"
  | "destructive_effect"
  | "read_query"
  | "mutation";

/** Query languages that only read (their writes are other languages, such as SPARQL Update or InstaML). */
export const READ_ONLY_QUERY_LANGUAGES: readonly string[] = [
  "jql", "soql", "sosl", "promql", "logql", "traceql", "metricsql", "kql", "nrql", "hogql", "spl", "esql", "ppl", "lucene",
  "jsonpath", "jmespath", "xpath", "instaql", "sparql", "dax", "mdx", "wiql", "gaql", "eql",
];

/** SQL engines named before "SQL query" or in its place: "a read-only BigQuery SQL query", "read-only DuckDB queries". */
const SQL_ENGINES = ["bigquery", "postgres", "postgresql", "mysql", "mariadb", "sqlite", "duckdb", "snowflake", "clickhouse", "redshift", "athena", "trino", "presto", "mssql", "oracle", "databricks"];
/**
 * What else a run query may be a writing statement of, beside SQL_WORDS: a query language or an engine that also writes,
 * a mutation, a database's or a table's query, a raw query, a statement ("Run a query against the database", "Run a
 * Flux query"), where a search, a saved query or a FHIR query reads.
 */
export const WRITING_QUERY_WORDS = [
  ...SQL_ENGINES,
  ..."graphql sparql aql arangodb cql cassandra n1ql couchbase surrealql surrealdb hiveql hive partiql dynamodb spark supabase flux influxdb mutation mutations database databases db table tables raw statement statements".split(" "),
];

export const PHRASES: Record<PhraseSignal, string[]> = {
  irreversible: [
    "permanently", "permanent deletion", "cannot be undone", "can not be undone", "can t be undone", "cannot be reversed",
    "irreversible", "irreversibly", "not reversible", "cannot be recovered", "can not be recovered", "not be recoverable",
    "unrecoverable", "no way to recover", "there is no undo", "destroys all", "deletes all", "all data will be lost",
    "data loss", "will be lost", "lost forever", "permanently lost", "cannot be restored", "no way to undo", "unrecoverably",
    "is destructive", "destructive operation", "destructive action", "is lost", "are lost", "cannot be reopened",
    "can not be reopened", "closed for good", "is forfeited", "are forfeited", "no backup copy is kept", "no backup is kept",
    "no longer exists", "stops existing", "cannot be restarted", "can t be restarted",
    "destructive and final", "destructive and irreversible", "final and destructive",
    "cannot be reverted", "can not be reverted", "can t be reverted", "cannot be revert", "can not be revert",
    "cannot be reopen", "can not be reopen", "is not recoverable", "are not recoverable", "cannot be got back",
    "can t be restored", "can not be restored", "cannot be recover", "can not be recover", "can t be recovered",
    "cannot be cancelled", "cannot be canceled", "can t be cancelled", "can t be canceled", "cannot be withdrawn", "can t be withdrawn", "cannot be pulled back", "can t be pulled back",
    "cannot be rolled back", "can t be rolled back", "become final", "becomes final", "cannot be resumed", "can t be resumed",
    // What an update leaves out is lost: "Any field you leave out is cleared".
    "leave out is cleared", "leave out are cleared", "left out is cleared", "left out are cleared", "omitted is cleared",
    "omitted are cleared", "omitted fields are cleared", "not provided is cleared", "not provided are cleared",
  ],
  read_only_claim: [
    "read only operation", "this is a read only", "is read only", "read only access", "does not modify", "do not modify",
    "doesn t modify", "without modifying", "without making changes", "without making any changes", "without applying any changes",
    "no changes are made", "makes no changes", "does not change", "does not make any changes", "read only tool", "does not write",
    "side effect free", "has no side effects", "is a read only",
    "read only", "readonly", "no side effects", "without side effects", "does not alter", "doesn t alter", "never modifies",
    "no data is modified", "nothing is modified", "only reads", "changes nothing", "without changing anything", "purely informational",
    "does not delete", "non destructive", "safe to call", "without writing", "never writes", "writes nothing", "nothing is written",
    "nothing is published", "nothing is saved", "nothing is stored", "nothing is created", "nothing is sent", "nothing is changed",
    "nothing is modified", "nothing is persisted", "nothing is recorded", "nothing is committed", "nothing is applied",
    "nothing is deleted", "nothing is generated",
    "no transaction is created", "no transaction is sent", "without sending a transaction", "nothing is added",
    // A transaction built unsigned moves nothing until its owner signs and sends it elsewhere.
    "build an unsigned", "builds an unsigned", "build unsigned", "builds unsigned", "return an unsigned", "returns an unsigned",
    "unsigned transaction", "unsigned transactions",
    "doesnt change", "doesnt modify", "doesnt write", "dont change", "only safe methods", "without doing it",
    "not saved anywhere", "not stored anywhere", "it is not saved", "it is not stored", "no file is written",
    "no files are written", "does not run anything",
    "doesn t run anything", "runs nothing", "does not store", "doesn t store", "never stores",
    // Changes this tool turns away: "Writes are refused here (use execute)", "Writes are rejected.". Not "blocks writes
    // from other sessions" or "the server rejects writes until …", which a lock or a freeze does.
    "writes are refused", "writes are rejected", "writes are not allowed", "mutations are refused",
    "mutations are rejected", "mutations are not allowed",
  ],
  execute_phrase: [
    "arbitrary code", "arbitrary command", "arbitrary commands", "arbitrary sql", "arbitrary query", "arbitrary queries",
    "shell command", "shell commands", "execute a command", "execute commands", "execute command", "executes a command",
    "run a command", "run commands", "runs a command", "execute sql", "executes sql", "execute a sql", "run sql", "runs sql",
    "execute a query", "executes a query", "execute queries", "execute javascript", "executes javascript", "execute python",
    "execute code", "executes code", "run code", "runs code", "evaluate javascript", "evaluate an expression",
    "in a shell", "shell access", "sql statement", "sql statements", "sql query", "executed as a command",
    "executed as commands", "run as a command", "runs as a command", "passthrough", "pass through", "any command",
    "any subcommand", "any git subcommand", "any shell command", "call any", "calls any", "invoke any", "invokes any",
    "run any", "runs any", "execute any", "executes any", "raw g code", "raw gcode", "send raw commands", "sends raw commands",
    "send a raw command", "sends a raw command",
  ],
  money: [
    "charge the", "charges the", "charge a", "charges a", "refund", "refunds", "payment", "payments", "payout", "payouts",
    "transfer funds", "transfers funds", "send money", "sends money", "purchase", "purchases", "credit card", "debit card",
    "invoice", "bank account", "wire transfer", "billing", "funds", "place an order", "places an order", "buy", "buys",
  ],
  external_send: [
    "send an email", "sends an email", "send email", "sends email", "send a message", "sends a message", "send messages",
    "send an sms", "send a text", "post a message", "posts a message", "send a notification", "sends a notification",
    "to the recipient", "to recipients", "email to", "message to the channel", "send a dm", "send a direct message",
    "sends a direct message", "post a tweet", "posts a tweet", "publish a post", "send a webhook",
  ],
  identity: [
    "iam", "permissions", "permission", "access policy", "access policies", "role binding", "role assignment", "privileges",
    "access control", "identity and access", "service account", "group membership", "admin access", "access key",
  ],
  bulk_scope: [
    "in bulk", "bulk update", "bulk delete", "all resources", "all files", "all records", "all items", "all objects",
    "every resource", "every file", "entire", "recursively", "wildcard", "wildcards", "all matching",
  ],
  overwrite: [
    "overwrite", "overwrites", "overwriting", "overwritten", "completely replace", "completely overwrite", "replaces the entire",
    "replaces the whole", "replaces all existing", "replaces any existing", "replaces the existing", "replaces existing",
    "override any existing", "overrides any existing", "override the existing", "overrides the existing", "overrides existing",
    "override existing", "overriding any existing", "overriding the existing", "force push", "force pushes", "force pushing",
    // A replacement of the whole thing stated in passing: "Write a file, replacing it if it exists", "create or replace
    // the view". A field's values replaced by an update ("replaces the current assignees") are an ordinary write.
    "replacing it", "replacing them", "replacing any", "replacing existing", "replacing the existing", "replacing the entire",
    "replacing the whole", "replacing matching", "replaces it", "replaces them", "or replace", "or replaces", "or replacing",
    "replacing files", "replacing the file", "replacing the files", "replacing any files", "replacing all", "replaces every",
    "replaces all matches", "replaces all occurrences", "replace the existing", "is rewritten", "are rewritten",
    // The given document becomes the whole thing: what it leaves out is gone.
    "becomes the whole", "become the whole", "becomes the complete", "become the complete",
    // (the negation is part of the phrase, so no denial before it undoes it)
    "not included are dropped", "not included are removed", "not included are deleted", "aren t included are dropped",
    "aren t included are removed", "aren t included are deleted", "not listed are removed", "not listed are deleted",
    "aren t listed are removed", "aren t listed are deleted", "replaces its entire",
    "replacing its entire", "replaces their entire", "replacing whatever", "replaces whatever",
    // A credential rotated out: "Generates a new key and immediately invalidates the previous one".
    "invalidates the previous", "invalidates the old", "invalidating the previous", "invalidating the old",
    "invalidates the current", "invalidating the current", "is invalidated", "are invalidated",
    "revokes the previous", "revokes the old", "revoking the previous", "revoking the old",
    // What it may do: MCP's destructiveHint is "may perform destructive updates".
    "may drop", "may delete", "may remove", "may overwrite", "may rewrite", "might drop", "might delete", "might overwrite",
    "may be lost", "might be lost", "can be lost", "can drop", "can overwrite", "gets replaced",
    "get replaced", "will be replaced", "thrown away", "over the original", "replacing the stored", "replacing the installed",
    "the original is replaced", "originals are not kept", "original is not kept", "the original is overwritten",
    "are reset to", "is reset to", "rewriting the file", "rewriting the files", "rewriting both",
    "replace the whole", "replace the entire", "replace all existing", "replace any existing", "replaced entirely",
    "replaced in full", "written back to the same", "writes back to the same", "written back to the original",
    "writes the result back", "back to the same file", "replace all", "replaces all", "invalidates every", "invalidates all",
    "invalidate every", "invalidate all", "to replace it", "to overwrite it", "replace the stored", "replaces the stored",
    "replace the saved", "replaces the saved", "there is no rollback", "no rollback",
    // A firmware flashed over the one there ("flash" alone is as often news or a camera's, or a screen's that flashes),
    // and so is an image or a binary flashed to a board (not one flashed on screen).
    "flash a firmware", "flashes a firmware", "flash the firmware", "flashes the firmware", "flash firmware",
    "flashes firmware", "firmware is flashed", "flash an image to", "flashes an image to", "flash the image to",
    "flashes the image to", "flash a binary to", "flashes a binary to", "flash the binary to", "flashes the binary to",
    "rewriting it", "rewriting them",
    // The tool's result put in the place of what it worked on, or of everything there: "By default the result replaces
    // the file", "Open a project, replacing everything currently loaded" (where "an upload replaces the file" may be
    // another's act the tool reports on).
    "result replaces the", "replacing everything",
    // A removal it may make: "Identify and optionally remove auto-generated links".
    "optionally remove", "optionally removes", "optionally delete", "optionally deletes", "optionally purge",
    "optionally purges", "optionally drop", "optionally drops",
    // The whole thing replaced, said without an article or as a noun: "Replace entire script source", "This is a full
    // replacement", "performs a full document replacement".
    "replace entire", "replaces entire", "replacing entire", "is a full replacement", "is a complete replacement",
    "fully replace", "fully replaces", "fully replacing", "completely replaces", "completely replacing",
    "replace the complete", "replaces the complete",
    "a full document replacement", "a complete document replacement", "a full object replacement",
    // State discarded on the way: "Restart the kernel, clearing all state", "Revert …, discarding any changes made since".
    "clearing all", "clearing any", "discarding all", "discarding any", "discarding the current", "discarding its", "wiping all",
    "erasing all",
  ],
  // A dangerous effect the text states outweighs a benign name ("get_report … also deletes the source data").
  destructive_effect: [
    "also deletes", "also removes", "also drops", "also wipes", "and deletes", "and then deletes", "will delete", "will remove all",
    "will be deleted", "will be permanently", "deletes all", "removes all", "drop table", "drop tables", "drop database", "drop schema",
    "truncate table", "rm rf", "wipes", "erases all", "destroys", "permanently deletes", "permanently removes", "permanently delete",
    "deleted permanently", "removed permanently", "discards all", "data will be lost", "lose all", "loses all",
  ],
  // Running a query that reads (a SELECT, a search, an aggregation) is a read; these say the query reads.
  read_query: [
    "select query", "select queries", "select statement", "select statements", "select only", "only select", "read only query",
    "read only queries", "read only sql", "readonly query", "readonly sql", "aggregation pipeline", "aggregation query",
    "aggregate query", "graphql query", "search query", "only read queries", "read queries", "read only transaction",
    "opened read only", "read only connection",
    // Prometheus' and Loki's kinds of query: each evaluates an expression over stored samples.
    "instant query", "instant queries", "range query", "range queries", "exemplar query", "exemplar queries",
    // A read-only query in a language that also writes: "Execute read-only Cypher query".
    ...["cypher", "gremlin", "sql", "mongodb", "graph", "database", "db", ...SQL_ENGINES, ...SQL_ENGINES.map((e) => `${e} sql`)].flatMap((l) => [`read only ${l} query`, `read only ${l} queries`]),
    // Math evaluated is computed and handed back.
    "math expression", "math expressions", "mathematical expression", "mathematical expressions", "arithmetic expression",
    "arithmetic expressions",
    // Query languages that only read (JQL, SOQL, PromQL, LogQL, SPARQL, DAX …; their writes are other languages, such as
    // SPARQL Update or InstaML): running one of their queries is a read.
    ...READ_ONLY_QUERY_LANGUAGES.flatMap(
      (language) => ["query", "queries", "expression", "expressions", "selector"].map((what) => `${language} ${what}`),
    ),
  ],
  // … and these say it may change data, which makes it no read whatever else it says.
  mutation: [
    "insert", "update", "delete", "drop", "alter", "truncate", "create table", "ddl", "dml", "mutation", "mutations",
    // Queries that write, not writing one ("If you're unsure how to write queries, see the docs").
    "run write queries", "runs write queries", "execute write queries", "executes write queries", "allows write queries",
    "supports write queries", "write queries are", "for write queries", "write operations",
    // "Supports both read-write and read-only queries": the read-only ones are not all it runs.
    "read write queries", "read write query", "both read write", "modify data", "modifies data", "upsert", "merge into", "grant", "revoke",
  ],
};

/**
 * Words that deny or defer the phrase after them in the same sentence: "never overwrites", "rather than being
 * permanently deleted", "until it is deleted" (by someone else, later), "to avoid data loss", "whether a file would
 * be overwritten" (what a preview reports).
 */
export const DENIALS =
  /(?:\b(?:not|never|no|without|rather than|instead of|avoids?|avoiding|prevents?|preventing|cannot|nothing|until|unless|before|refuses? to|would)\b|n['’]t\b)/;

/** "be" as what happens: after a modal or "to", with an adverb or not, it says what could or should ("whether it can be deleted", "could probably be removed"). */
export const BE_AS_FACT = "(?<!\\b(?:can|could|may|might|should|would|must|to)\\s(?:[a-z]+ly\\s)?)be";
const REMOVED = "delete|deletes|remove|removes|purge|purges|erase|erases|wipe|wipes|destroy|destroys|terminate|terminates|discard|discards";
const GONE = "deleted|purged|pruned|erased|wiped|destroyed|discarded|removed from";
const WHAT = "the|all|any|every|its|their|existing|old|stale|unused|unsaved|uncommitted|previous|stored|saved|cached|those|these|them|it|that";
/**
 * A removal a description states beyond its leading verb, in lower-case text: a second action joined to the first
 * ("… and terminate any that are idle", "then removes the raw events"), a later clause led by one ("; purges the
 * record if …"), or the passive ("rows missing from the source are deleted", "is removed from the queue once
 * read"), and a participle after a comma ("…, dropping existing tables first"). Each removal verb needs its object
 * ("discards on restart" discards nothing); "truncates", "drops" and "clears" are not here (but for the participle,
 * which names what it drops), being as often about output, frames and form fields.
 */
export const STATED_REMOVALS: readonly RegExp[] = [
  new RegExp(`\\b(?:also|then|and|this|which|afterwards)\\s+(?:permanently\\s+|immediately\\s+|automatically\\s+)?(?:${REMOVED})\\s+(?:${WHAT})\\b`),
  // … after a mark, with the doing that causes it as its subject ("Removing a field deletes that field's values").
  new RegExp(`(?:[.;!:(]\\s*|\\n)(?:it\\s+|this\\s+(?:tool\\s+)?|\`[a-z_=-]+\`\\s+|[a-z]+ing\\s+(?:a\\s+|an\\s+|the\\s+)?[a-z]+\\s+)?(?:also\\s+|permanently\\s+)?(?:${REMOVED})\\s+(?:${WHAT}|objects|files|originals)\\b`),
  new RegExp(`\\b(?:is|are|will be|gets|get|${BE_AS_FACT}|being)\\s+(?:permanently\\s+|then\\s+|also\\s+|automatically\\s+|immediately\\s+)?(?:${GONE})\\b`),
  // A participle after a comma says what the action does along the way ("…, dropping existing tables first"), where
  // one after "by" says how ("by removing unused layers") and is read as the leading action's method.
  new RegExp(`,\\s+(?:first\\s+|then\\s+|permanently\\s+)?(?:deleting|removing|dropping|purging|erasing|wiping|destroying|discarding|terminating|killing)\\s+(?:${WHAT})\\b`),
  // What a sync leaves out is removed: "any mod not in the manifest is removed", "files missing from the source are deleted".
  new RegExp(`\\b(?:not (?:in|listed in|present in|included in|found in)|missing from|absent from|omitted from) (?:the |a |your )?\`?[a-z_-]+\`? (?:is|are|will be|gets|get) (?:removed|deleted|dropped|purged|cleared)\\b`),
];

/**
 * A removal with an act as its subject, in lower-case text: "The default full flash erases the device's /home
 * partition", "The sync deletes remote files missing locally"; not another actor's ("The garbage collector removes
 * unused objects every hour"). The caller holds it to tools that make that act rather than read of it.
 */
export const ACT_REMOVAL = new RegExp(
  `(?:^|[.;!:(]\\s*|\\n)the\\s+(?:[a-z-]+\\s+){0,2}?(?:flash|sync|import|migration|reset|install|uninstall|upgrade|restore|rebuild|deploy|deployment|operation|command|call)\\s+(?:also\\s+|permanently\\s+)?(?:${REMOVED})\\s+(?:[a-z-]+\\s+)?(?:${WHAT}|objects|files|originals|data|entries|records|rows|branches|containers|versions)\\b`,
);

/** Nouns of action and their verbs, read where they lead a description before "of" ("Deletion of a project …"). */
export const NOMINALIZED = new Map(
  Object.entries({
    deletion: "delete", removal: "remove", destruction: "destroy", erasure: "erase", termination: "terminate", revocation: "revoke",
    cancellation: "cancel", creation: "create", addition: "add", insertion: "insert", modification: "modify", update: "update",
    replacement: "replace", submission: "submit", publication: "publish", installation: "install", deployment: "deploy",
    execution: "execute", invocation: "invoke", transfer: "transfer", payment: "pay", retrieval: "retrieve", lookup: "lookup",
    listing: "list", search: "search", inspection: "inspect", validation: "validate", verification: "verify",
    conversion: "convert", calculation: "calculate", generation: "generate", analysis: "analyze", export: "export",
  }),
);

/**
 * Adverbs of manner a description may open with before its verb ("Atomically claim …", "Recursively list …"): how the
 * tool acts, not what it does. A list, not an ending: "Internally calls …" and "Daily group visibility" are not these.
 */
export const MANNER_ADVERBS = new Set(
  `atomically recursively incrementally asynchronously synchronously automatically safely securely idempotently
   manually explicitly directly immediately instantly gracefully forcibly forcefully silently interactively
   programmatically remotely locally temporarily partially fully completely selectively transactionally lazily`.split(/\s+/).filter(Boolean),
);
/** Modal verbs: a verb's bare word after one is the verb of its clause ("The service must update the stock level"). */
export const MODALS = new Set("must may might should shall would could can will cannot".split(" "));

/** Words skipped before a description's leading verb: labels, numbering and filler ("Step 1 of 4 -"). */
export const LEADING_FILLER = new Set(
  `step of this tool tools use used to a an the please you can will for will that lets allows helps quickly
   simply easily also just then first next finally workflow note`.split(/\s+/).filter(Boolean),
);

/** Domains the server's other tools or its description can place a tool in. */
export type Domain = "identity" | "secrets" | "payments" | "messaging" | "database" | "browser" | "filesystem" | "infrastructure";

/** Name and description tokens that vote for a domain. */
export const DOMAIN_TOKENS: Record<Domain, string> = {
  identity: "iam role roles policy policies permission permissions acl acls rbac sso saml principal principals entitlement entitlements membership privilege privileges okta auth0 keycloak identity",
  secrets: "secret secrets vault kms password passwords credential credentials keyvault",
  payments: "payment payments refund refunds payout payouts invoice invoices charge charges stripe paypal checkout billing wallet",
  messaging: "email emails mail inbox message messages sms slack channel channels dm chat gmail outlook twilio",
  database: "sql database databases table tables schema schemas postgres postgresql mysql sqlite bigquery snowflake collection collections index indexes clickhouse duckdb",
  browser: "browser page tab tabs click hover screenshot navigate playwright puppeteer selenium element dom",
  filesystem: "file files directory directories folder folders path paths fs filesystem",
  infrastructure: "cluster clusters terraform pod pods node nodes namespace deployment deployments helm kubernetes k8s ec2 vm vms instance instances infrastructure",
};

/** How a domain reads in a rationale ("place it in IAM identity management"). */
export const DOMAIN_LABEL: Record<Domain, string> = {
  identity: "IAM identity management",
  secrets: "secrets management",
  payments: "payments",
  messaging: "messaging",
  database: "database administration",
  browser: "browser automation",
  filesystem: "file management",
  infrastructure: "infrastructure operations",
};

/**
 * Leading verbs that hand data back and do nothing else with it (as the description-verb reader names them): a change
 * word between a name's words is then a qualifier of the noun after it ("ozon_fbo_cancel_reasons").
 */
export const HANDING_BACK_VERBS = new Set(["return", "get", "list", "show", "fetch", "retrieve", "display", "view", "возвращает", "получает", "показывает", "obtiene", "retourne", "récupère", "liefert", "zeigt", "retorna", "obtém", "获取", "返回", "列出", "取得", "返す"]);
/** Objects a generating verb makes from the data it is given, changing nothing: "generate a chart", "create a link". */
export const GENERATED_ARTIFACTS = new Set(
  `chart charts diagram diagrams graph graphs plot plots visualization visualizations visualisation mermaid flowchart
   summary summaries link links url urls preview previews`.split(/\s+/).filter(Boolean),
);
/** The forms a generated artifact takes, named after it: "a chart image", "diagram markup", "a summary table", "graph data". */
export const ARTIFACT_FORMS = new Set(
  "image images picture pictures spec specs specification data text markup table tables json yaml svg png jpeg pdf code source markdown html string strings".split(" "),
);
/** Verbs that run whatever their object is: running (or starting) a check reads, running a migration does not. */
export const RUNNING_VERBS = new Set("run perform conduct execute exec start begin evaluate".split(" "));
/** What evaluating computes without changing: a formula, a metrics query, a flag for a user, a policy against input. */
export const EVALUATED = new Set("formula formulas query queries rule rules condition conditions flag flags policy policies metric metrics packet packets input inputs math arithmetic mathematical".split(" "));
/**
 * What running an examination produces is findings, not changes: "Run a Lighthouse audit", "Run electrical rule
 * checks", "Run security scan on deployment"; so is running a report or a saved question ("Run a report to get
 * analytics data"), and a query in no language that writes ("Execute a saved query", "Run a similarity query"; see
 * examinationRun). Tests are not here: running tests runs the project's own code.
 */
export const EXAMINATIONS = new Set(
  `check checks scan scans audit audits analysis analyses diagnostic diagnostics lint inspection inspections validation
   validations healthcheck report reports question questions search searches crawl crawls scanner scanners linter
   linters checker checkers analyzer analyzers analyser analysers query queries`.split(/\s+/).filter(Boolean),
);
/** What a program is run for or to do when the run examines ("Run masscan for port scanning", "Run whatweb to identify …"). */
export const EXAMINING_PURPOSES = new Set(
  `scanning auditing discovery enumeration detection fingerprinting reconnaissance recon identify enumerate detect
   discover inspect audit scan check find list capture`.split(/\s+/).filter(Boolean),
);
/** What makes a run more than an examination: "for SQL injection detection and exploitation", "brute-forcing". */
export const BEYOND_EXAMINING = new Set("exploit exploits exploitation exploiting attack attacks attacking brute bruteforce brute-force brute-forcing crack cracking".split(" "));
/**
 * What converting changes where it is kept, rather than handing back converted: "Convert an issue into a subtask",
 * "Convert a pull request to draft", "Convert an existing PDF in Drive into a Doc" (units, colours and markup convert
 * as they are given).
 */
export const CONVERTED_IN_PLACE = new Set(
  "existing issue issues ticket tickets task tasks subtask subtasks epic epics story stories lead leads card cards draft drafts deal deals contact contacts account accounts pull pr prs".split(" "),
);
/** What mapping surveys rather than binds: "Map a website to discover its URLs", where "map a drive" mounts one. */
export const SURVEYED_OBJECTS = new Set("website websites site sites url urls domain domains page pages sitemap".split(" "));
/**
 * What opening shows rather than makes: "open_nodes", "open_task_details" read, and so does opening a panel, a window,
 * a dashboard or a workspace ("Open the Connections window"), where "open an issue" or "an account" creates. Files,
 * notes, tabs and apps are not here: opening one loads it, which servers count as a change.
 */
export const VIEWED_OBJECTS = new Set(
  "node nodes record records entry entries detail details item items panel panels window windows dashboard dashboards workspace workspaces".split(" "),
);
/**
 * What a resolve named in a tool's name looks up rather than settles: "resolve_uid_to_selector", "Resolve a package name
 * to a library ID" read.
 */
export const LOOKED_UP_OBJECTS = new Set(
  `id ids uid uids identifier identifiers name names address addresses hostname hostnames host hosts domain domains url
   urls uri uris path paths alias aliases symbol symbols reference references ref refs handle handles username usernames
   selector selectors library libraries package packages dependency dependencies version versions coordinates ip dns`.split(/\s+/).filter(Boolean),
);
/**
 * What a resolve a description leads with settles, closing it: a comment, a thread, a conflict, an incident, a
 * ticket. Resolving anything else ("Resolve two concepts and return …", "Resolve the canonical identity binding")
 * looks it up.
 */
export const SETTLED_OBJECTS = new Set(
  `comment comments thread threads conversation conversations conflict conflicts conflicted issue issues ticket tickets task tasks
   alert alerts incident incidents feedback suggestion suggestions annotation annotations review reviews challenge
   challenges dispute disputes discussion discussions finding findings problem problems case cases bug bugs
   vulnerability vulnerabilities blocker blockers error errors alarm alarms exception exceptions fault faults outage outages`.split(/\s+/).filter(Boolean),
);
/**
 * What "generate" makes and hands back as text, changing nothing: code, JSON, a report, a test, a template. Only for
 * "generate": creating a template or a report elsewhere stores one. Generated files are written, so not here.
 */
export const GENERATED_TEXTS = new Set(
  `json yaml yml html css code snippet snippets template templates command commands metadata schema report reports
   palette test tests plan plans idea ideas completion completions embedding embeddings example examples regex
   suggestion suggestions text texts answer answers response responses description descriptions caption captions title
   titles name names random uuid uuids ulid ulids nonce query queries sql`.split(/\s+/).filter(Boolean),
);
/**
 * What generating, building or composing hands back as a text for another step to use, changing nothing: "Build a cited
 * context pack for a query", "Generate shellcode", "Build a validated print-job JSON payload" (not "create": a prompt or
 * a context created is kept, as a record is).
 */
export const COMPOSED_TEXTS = new Set("payload payloads packet packets prompt prompts shellcode context".split(" "));
/** The verbs that compose such a text. */
export const COMPOSING_VERBS = new Set("generate build compose compile assemble craft".split(" "));
/**
 * A composed text run, sent, kept or made into files after it is made, in lower-case text: "it is published to the
 * topic", "which the agent then executes", "a prompt rules file".
 */
export const HANDED_ON =
  /\b(?:sends?|sent|deliver(?:s|ed)?|publish(?:es|ed)|posts?|posted|execut(?:e|es|ed|ing)|runs?|ran|inject(?:s|ed)?|launch(?:es|ed)?|dispatch(?:es|ed)?|broadcasts?|commit(?:s|ted)|push(?:es|ed)|fire[sd]?|deploy(?:s|ed)?|kept|used by|upload(?:s|ed)?|files?)\b/;
/** Verbs that make an artifact rather than a record. */
export const GENERATING_VERBS = new Set("generate create make render draw build produce compose plot".split(" "));
/** Words that say the artifact is kept or shared somewhere, so making it does change something. */
export const PERSIST_WORDS = /\b(?:save|saves|saved|store|stores|stored|upload|uploads|publish|publishes|persist|persists|write|writes|add|adds|insert|inserts|append|appends|attach|attaches)\b/;
/** Verbs that make a thing a read-only one may be (a link, a token, a user, a replica) and hand it out. */
export const READ_ONLY_MAKERS = new Set("create generate make provision issue mint grant add share publish clone mirror replicate freeze".split(" "));

/**
 * Containers a thing is removed from without being deleted: "remove_user_from_group" unlinks a member; the
 * user and the group both remain. Data removed from a store (rows from a table, a file from a repository, a job from a
 * queue) is not this.
 */
export const LINK_CONTAINERS = new Set(
  `group groups team teams channel channels project projects list lists playlist playlists collection collections set sets cart
   favorites favourites watchlist watchlists role roles organization organisation org orgs workspace workspaces board boards
   issue issues ticket tickets pr milestone milestones label labels tag tags album albums space spaces conversation thread
   folder category categories segment segments audience audiences cohort`.split(/\s+/).filter(Boolean),
);
export const DATA_OBJECTS = new Set(
  `file files row rows record records data entry entries document documents message messages object objects item items blob
   blobs table tables content contents database databases key keys value values version versions`.split(/\s+/).filter(Boolean),
);
/** Things attached to another thing: taking one off ("remove_tag_from_item") deletes neither it nor the thing. */
/** What applying sets on a thing in place, losing nothing: "Apply text formatting", "Apply a preset animation style". */
export const FORMATTING = new Set("formatting format formats style styles animation animations".split(" "));
export const ATTACHED_THINGS = new Set(
  `tag tags label labels assignee assignees reviewer reviewers watcher watchers member members collaborator collaborators
   participant participants attendee attendees subscriber subscribers follower followers`.split(/\s+/).filter(Boolean),
);
/**
 * Words of their own that begin or end with a verb's letters: "account" does not count, "market" does not mark,
 * "status" does not stat, "details" does not tail, a "checklist" or a "playlist" does not list, a "counterparty" does
 * not count, an "executive" does not exec. Run-together names ("tfdeploy") are read for an embedded verb; these never are.
 */
export const NOT_EMBEDDING = /^(?:(?:check|play|wish|watch|task|todo|set|book|price|guest|word|mailing|reading|song|hit)lists?|(?:ac|dis)?counts?|counter(?:part(?:y|ies|s)?|measures?|signs?|signed|signing|offers?)|executives?|(?:de|re)tails?|amounts?|(?:bench|land|trade|water|book)marks?|market\w*|markdown\w*|stat(?:us|uses|e|es|ic|ics)|storage\w*|storefronts?|copyright\w*|thresholds?|households?|(?:thermo|rheo|hemo|cryo|aero)stats?|alternat\w*|outlooks?)$/;
/**
 * What a name ends in when it names a readout ("build_logs", "order_details", "post_stats"): a word as often a noun
 * before it is a modifier, not the tool's verb. Not for the verbs that record, send or set such things
 * ("log_metrics", "post_summary", "set_review_status"), nor for the ambiguous destructive ones ("clear_history").
 */
export const READOUT_NOUNS = new Set(
  `status statuses progress logs history histories stats statistics metrics health summary summaries details detail list
   results count counts scores overview timeline activity usage analytics insights trends pdf text tree notes log
   hierarchy graph output outputs state info errors`.split(/\s+/).filter(Boolean),
);
export const RECORDING_VERBS = new Set("log record post track publish send message email mail text note reset set change switch type fill press paste update edit modify patch put mark".split(" "));
/** Name words for the state of some work ("deploy_status", "build_logs"): reading one changes nothing. */
export const STATE_NOUNS = new Set("status statuses progress logs history stats statistics metrics health".split(" "));
/** Verbs that remove a link between two things and delete neither: a write, and not additive in MCP's hints. */
export const UNLINK_VERBS = new Set("unlink detach disassociate dissociate unassign".split(" "));
/** Objects that are themselves a link between two things: deleting one leaves both things. */
export const LINK_OBJECTS = new Set(
  `link links relation relations relationship relationships association associations dependency dependencies edge edges
   mapping mappings binding bindings assignment assignments assignee assignees reviewer reviewers`.split(/\s+/).filter(Boolean),
);

/**
 * Common verbs of descriptions in other languages (French, Spanish, German, Portuguese, Italian, Russian), by their lower-case form
 * as a description's first word, with the category they stand for.
 */
export const FOREIGN_VERBS: Record<Category, string> = {
  read: `obtenir obtient récupérer récupère lister liste listes afficher affiche rechercher recherche chercher cherche lire
    consulter consulte retourne renvoie exporter exporte télécharger télécharge vérifier vérifie calculer calcule trouver
    trouve extraire extrait décrit donne introspecte inspecte
    obtener obtiene listar lista muestra mostrar buscar busca leer consultar devuelve exportar exporta descargar descarga
    verificar verifica analizar analiza calcular calcula encontrar encuentra extraer extrae
    abrufen ruft holen holt auflisten listet anzeigen zeigt suchen sucht lesen liest gibt liefert exportiert exportieren
    prüft prüfen überprüft berechnet berechnen analysiert findet ermittelt
    obter obtém pesquisar pesquisa ler lê retorna recupera recuperar baixa baixar analisa encontra extrai
    ottiene ottieni ottenere elenca elencare cerca cercare mostra mostrare legge leggere restituisce recupera scarica
    получить получает найти находит ищет искать показать показывает прочитать читает возвращает список
    haalt ophalen toont tonen zoekt zoeken leest lezen geeft retourneert controleert berekent
    pobiera pobierz wyświetla wyszukuje zwraca odczytuje
    indica indique
    consulta consultar exibe valida valide convierte traduce calcola controlla visualizza esporta
    compara comparar vergleicht vergleichen confronta confrontare porównuje сравнивает сравнить порівнює
    рассчитывает вычисляет проверяет отображает выводит экспортирует повертає отримує шукає показує
    exporteert downloadt sprawdza oblicza pokazuje wyszukaj eksportuje
    menampilkan tampilkan mengambil ambil mendapatkan dapatkan mencari cari melihat lihat mengembalikan menghitung hitung
    mengunduh unduh memeriksa periksa mengekspor
    listeler getirir döndürür gösterir arar hesaplar sorgular
    lấy xem tìm liệt trả kiểm tính hiển tra truy xuất
    يجلب جلب يعرض عرض يبحث بحث البحث يسترجع استرجاع يحسب حساب يحصل الحصول يرجع إرجاع
    קבל מקבל מקבלת לקבל הצג מציג מציגה להציג חפש מחפש מחפשת לחפש קרא קורא קוראת לקרוא בדוק בודק בודקת לבדוק החזר
    מחזיר מחזירה להחזיר אחזר מאחזר לאחזר חשב מחשב מחשבת לחשב`,
  write: `créer crée ajouter ajoute modifier modifie mettre met envoyer envoie enregistrer enregistre importer importe publier
    publie partager partage renommer renomme déplacer déplace copier copie définit sélectionne sélectionner choisit
    crear crea añadir añade agregar agrega actualizar actualiza modificar modifica enviar envía guardar guarda importar
    importa publicar publica compartir comparte renombra mueve copia establece asigna inserta cambia cambiar
    erstellen erstellt hinzufügen fügt aktualisieren aktualisiert ändern ändert senden sendet speichern speichert importiert
    veröffentlicht setzt legt verschiebt kopiert benennt schreibt
    criar cria adicionar adiciona atualizar atualiza envia salvar salva gravar grava compartilha renomeia insere atribui atribuir attribue
    aprueba rechaza aprova rejeita approuve rejette genehmigt reverte
    crea creare aggiunge aggiungi aggiorna aggiornare modificare invia inviare salvare scrive imposta
    создать создает создаёт добавить добавляет обновить обновляет изменить изменяет отправить отправляет сохранить сохраняет
    maakt aanmaken voegt toevoegen wijzigt wijzigen stuurt verstuurt verzenden slaat opslaan
    tworzy utwórz dodaje dodaj aktualizuje wysyła zapisuje закрывает отменяет
    dépose déposer annule annuler remplace remplacer génère générer réserve réserver bloque débloque soumet soumettre
    téléverse démarre arrête restaure réinitialise écrase écraser
    cancela cancelar reemplaza reemplazar sustituye genera reserva bloquea desbloquea sube subir anula anular detiene
    inicia edita registra sobrescribe restaura deshace cierra marca marcar ajusta ajustar muda mudar fija fijar
    agendar altera alterar gera gerar edita editar registrar bloqueia desbloqueia substitui sobrescreve desfaz
    encerra finaliza solicita emite cadastra cadastrar anexa anexar corrige corriger corregir rattacher rattache настроить настраивает
    continúa continuar continuer delega delegar délègue déléguer delegare encarga encargar
    toca desliza digita aperta pressiona clica abre appuie tape clique ouvre ferme saisit tippt klickt öffnet schließt drückt
    tocca preme clicca apre pulsa
    téléporte téléporter désactive désactiver désactivez
    übermittelt storniert stornieren ersetzt ersetzen erzeugt erzeugen generiert bucht buchen sperrt sperren entsperrt
    startet stoppt beendet bearbeitet überschreibt verschickt archiviert aktiviert deaktiviert
    annulla sostituisce prenota blocca sblocca carica avvia interrompe sovrascrive ripristina reimposta archivia chiude
    заменяет генерирует бронирует блокирует разблокирует публикует перезаписывает редактирует останавливает
    сбрасывает восстанавливает переименовывает перемещает копирует импортирует архивирует помечает
    сменить меняет переключить переключает установить устанавливает включить включает выключить выключает
    створює оновлює надсилає скасовує змінює додає замінює перезаписує
    vervangt genereert annuleert plaatst blokkeert uploadt stopt herstelt overschrijft bewerkt werkt importeert reserveert
    boekt ververst zet stelt sluit archiveert publiceert aplica aplicar applique appliquer applica
    fusiona fusionar fusionne fusionner allinea allineare sincroniza sincronizar synchronisiert synchronisieren
    синхронизирует синхронизировать scala scalić
    zmienia zmień anuluje anuluj edytuje rezerwuje zatrzymuje przywraca generuje importuje nadpisuje zastępuje wycofuje
    blokuje
    membuat buat menambahkan tambahkan menambah tambah memperbarui perbarui mengubah ubah mengirim kirim mengirimkan
    kirimkan menyimpan simpan mengunggah unggah memesan menjadwalkan jadwalkan mengatur atur mendaftarkan menonaktifkan
    mengaktifkan memblokir blokir menyembunyikan mengimpor membatalkan batalkan mengganti ganti
    oluşturur günceller gönderir ekler değiştirir kaydeder düzeltir yükler başlatır durdurur onaylar reddeder sıfırlar
    engeller paylaşır iptal
    tạo tạm ẩn chặn cập gửi hủy huỷ thêm sửa đặt đăng nhập khôi đổi chuyển bật tắt đóng
    ينشئ إنشاء يضيف إضافة يحدث تحديث يعدل تعديل يرسل إرسال يحفظ حفظ يرفع رفع يلغي إلغاء يستبدل استبدال
    צור יוצר יוצרת ליצור הוסף מוסיף מוסיפה להוסיף עדכן מעדכן מעדכנת לעדכן שלח שולח שולחת לשלוח שמור שומר שומרת לשמור
    ערוך עורך עורכת לערוך בטל מבטל מבטלת לבטל החלף מחליף מחליפה להחליף`,
  execute: `exécuter exécute lancer lance ejecutar ejecuta ausführen führt executar executa esegue esegui eseguire valuta
    dispara disparar déclenche déclencher
    выполнить выполняет запустить запускает voert uitvoeren wykonuje uruchamia
    menjalankan jalankan mengeksekusi çalıştırır chạy ينفذ تنفيذ يشغل تشغيل הרץ מריץ מריצה להריץ בצע מבצע מבצעת לבצע`,
  destructive: `supprimer supprime effacer efface détruire détruit vider vide eliminar elimina borrar borra quita suprime vacía
    löschen löscht entfernen entfernt leert excluir exclui apagar apaga remover deletar deleta limpa
    cancella cancellare rimuove rimuovi rimuovere svuota retira удалить удаляет очистить очищает уничтожить
    verwijdert verwijderen wist usuwa usuń
    retirer révoque révoquer revoca revocar limpia bereinigt widerruft отзывает видаляє очищає leegt kasuje czyści
    unieważnia menghapus hapus mengosongkan siler kaldırır xoá xóa يحذف حذف يزيل إزالة
    מחק מוחק מוחקת למחוק הסר מסיר מסירה להסיר
    desinstala désinstalle deinstalliert disinstalla`,
  financial: `payer paie pagar paga bezahlen bezahlt kaufen kauft überweisen überweist bestellen bestellt achète acheter
    comprar acquista acquistare
    rembourse transfère transfiere transferir reembolsa transfere estorna rimborsa trasferisce erstattet zahlt
    оплачивает списывает betaalt płaci przelewa membayar bayar öder يدفع دفع`,
};

/** Managing in other languages ("Administra reglas: crear, listar o borrar"): a lead that says only that, as "Manage" does. */
export const FOREIGN_MANAGING_VERBS = "administra gestiona gerencia gere gère gestisce verwaltet".split(" ");

/**
 * German verbs split in two ("Sagt einen Termin ab", "Lädt die Datei in den Ordner hoch"): the inflected stem leads the
 * text and its particle ends the clause, and together they mean the English verb given, where the stem alone means
 * another thing ("sagt" says, "lädt" loads, "stellt" puts).
 */
export const GERMAN_SEPARABLE_VERBS: Record<string, Record<string, string>> = {
  sagt: { ab: "cancel" },
  lädt: { hoch: "upload", herunter: "download" },
  stellt: { "wieder her": "restore" },
  leitet: { weiter: "forward" },
  setzt: { zurück: "reset" },
  fährt: { herunter: "shutdown" },
  schaltet: { ein: "enable", an: "enable", aus: "disable", ab: "disable" },
  nimmt: { auf: "record" },
  trägt: { ein: "record" },
};

/**
 * Verbs of Chinese, Japanese and Korean descriptions, found near the start of the text (no spaces separate words in
 * the first two; Korean verbs are read as their noun stems, 조회 of 조회합니다).
 */
export const CJK_VERBS: Record<Category, string> = {
  read: `获取 查询 搜索 列出 读取 查看 显示 检索 取得 计算 规划 转换 测量 推荐 浏览 分析 导出 统计 検索 一覧 表示 読み込 参照 確認 計算 変換 分析
    エクスポート 조회 검색 목록 가져 확인 분석 불러 표시 반환
    拉取 预览 询价 估算 翻译 识别 校验 验证 检查 模拟 查詢 讀取 獲取 搜尋 顯示 見積 プレビュー 抽出 集計 照会 미리보기 계산 검증
    返します 返す 返回 解析 보여 읽기 읽어 읽는 읽습 읽고
    दिखा लौटा खोज प्राप्त गणना पढ़`,
  write: `创建 添加 新增 更新 修改 编辑 发送 保存 上传 导入 设置 发布 分配 取消 重试 拒绝 批准 启动 停止 重启 写入 作成 追加 変更 編集 送信 保存 登録 設定
    アップロード インポート 投稿 キャンセル 起動 書き込 移動 複製 提交 回复 移动 复制 重命名 생성 추가 수정 업데이트 전송 저장 등록 설정 변경
    작성 게시 편집 업로드 발송 취소 전환 부여 복제 記録 書き出 下载 ダウンロード
    预约 预订 申请 审批 开通 屏蔽 拉黑 隐藏 置顶 标记 转发 邀请 关注 注册 撤销 替换 置换 覆盖 重置 还原 回滚 建立 編輯 發送
    儲存 上傳 發布 覆寫 替換 重設 還原 恢复 恢復 予約 申請 承認 却下 一時停止 非表示 取り消 置き換え 上書き リセット 初期化 復元
    ロールバック 예약 신청 차단 숨기 숨깁 중지 수정 변경 발행 대체 덮어쓰 초기화 복원 롤백 下架 上架 依頼 신고 발급
    点击 點擊 更改 变更 變更 치환합 치환해 抬高 平整 关闭 關閉 閉じ 领取 領取 変え マージ 병합
    按下 返回上一级 返回上一页 返回主界面 返回首页 返回桌面 回到桌面 回到主界面 갱신
    बना जोड़ बदल भेज सहेज अपडेट संपादित रद्द`,
  execute: "执行 运行 部署 実行 실행 執行 運行 निष्पादित",
  destructive: "删除 移除 清空 清除 清理 销毁 卸载 削除 消去 破棄 삭제 제거 撤回 释放 终止 注销 作废 销户 解散 擦除 抹除 刪除 銷毀 解約 退会 クリア 해지 탈퇴 비우 폐기 外し 추방 강퇴 踢出 解绑 解除绑定 हटा मिटा",
  financial: "支付 付款 支払 결제 充值 转账 退款 송금 환불 下单 下單 発注",
};

/**
 * What the other languages' verbs of a non-additive change mean in English (NON_ADDITIVE_VERBS): "Annule un
 * rendez-vous" cancels, "置き換えます" replaces. The hints read the English verb; the evidence quotes the text.
 */
export const FOREIGN_GLOSS: Record<string, string> = Object.fromEntries(
  Object.entries({
    cancel: `annule annuler cancela cancelar anula anular storniert stornieren annulla отменяет скасовує annuleert anuluje anuluj
      membatalkan batalkan iptal hủy huỷ يلغي إلغاء रद्द בטל מבטל מבטלת לבטל 取消 撤销 取り消 キャンセル 취소 wycofuje`,
    replace: `remplace remplacer reemplaza reemplazar sustituye substitui ersetzt ersetzen sostituisce заменяет замінює vervangt
      zastępuje mengganti ganti يستبدل استبدال החלף מחליף מחליפה להחליף 替换 置换 替換 置き換え 대체`,
    overwrite: `écrase écraser sobrescribe sobrescreve überschreibt sovrascrive перезаписывает перезаписує overschrijft nadpisuje
      覆盖 覆寫 上書き 덮어쓰`,
    reset: "réinitialise reimposta сбрасывает sıfırlar 重置 重設 リセット 初期化 초기화",
    restore: "restaure restaura ripristina восстанавливает herstelt przywraca 还原 還原 恢复 恢復 復元 복원",
    rollback: "回滚 ロールバック 롤백",
    undo: "deshace desfaz",
    generate: "génère générer genera gera gerar erzeugt erzeugen generiert генерирует genereert generuje 生成",
    trigger: "dispara disparar déclenche déclencher",
  }).flatMap(([english, words]) => words.split(/\s+/).filter(Boolean).map((w) => [w, english])),
);

/**
 * Verbs of other languages as tool names spell them (`annuler_rendez_vous`, `borrar_registro`, `shanchu_wenjian`): the
 * infinitives and imperatives developers name tools with, transliterated where the name is ASCII, with the category
 * they stand for. Words that are English words too (them, gui, an, cam) are left out.
 */
export const FOREIGN_NAME_VERBS: Record<Category, string> = {
  read: `lister obtenir rechercher chercher afficher listar obtener buscar consultar obter pesquisar abrufen suchen anzeigen
    auflisten elenca elencare ottieni ottenere cercare ophalen zoeken tonen pobierz szukaj cari lihat ambil tampilkan listele
    getir huoqu chaxun sousuo kensaku ichiran`,
  write: `ajouter creer créer envoyer deposer déposer reserver réserver crear agregar anadir añadir actualizar enviar
    guardar criar adicionar atualizar agendar salvar marcar ajustar fijar mudar ligar erstellen anlegen hinzufuegen hinzufügen aktualisieren aendern ändern
    senden hochladen speichern uebermitteln übermitteln aggiungi aggiungere creare aggiorna aggiornare invia inviare prenota
    toevoegen aanmaken bijwerken wijzigen opslaan versturen dodaj utworz utwórz zmien zmień wyslij wyślij zapisz tambah
    tambahkan buat ubah kirim simpan ekle olustur oluştur guncelle güncelle gonder gönder tianjia chuangjian xiugai fasong
    gengxin tsuika sakusei henshu
    annuler cancelar stornieren annulla annullare annuleren anuluj batalkan iptal quxiao torikeshi
    remplacer reemplazar substituir ersetzen sostituire vervangen
    tocar deslizar digitar apertar clicar abrir fechar pulsar appuyer cliquer ouvrir fermer klicken oeffnen öffnen schliessen schließen
    aprire chiudere cliccare toccare premere
    renommer renombrar renomear cadastrar anexar corriger corregir publier publicar publicare publiceren reaffecter affecter rattacher
    aprobar aprovar approuver approvare genehmigen rechazar rejeitar rejeter rifiutare ablehnen`,
  execute: "executer exécuter ejecutar executar ausfuehren ausführen eseguire uitvoeren zhixing jikkou disparar declencher déclencher",
  destructive: `supprimer effacer eliminar borrar excluir apagar loeschen löschen entfernen eliminare cancellare rimuovi rimuovere
    verwijderen verwijder usun usuń hapus shanchu qingkong sakujo xoa retirer desinstalar desinstaller désinstaller deinstallieren
    disinstallare`,
  financial: "pagar bezahlen pagare betalen zaplac zapłać bayar zhifu",
};

/** How much each kind of evidence counts toward a category. */
export const WEIGHTS = {
  nameVerb: 3,
  nameVerbAmbiguous: 1.5,
  nameVerbCompound: 2,
  descriptionVerb: 2,
  descriptionVerbAmbiguous: 1,
  readoutName: 2,
  operationEnum: 2.5,
  readOnlyClaim: 3,
  irreversible: 2,
  executePhrase: 2,
  execArgument: 2,
  sqlArgument: 2.5,
  moneyArgument: 2,
  fileWrite: 1.5,
  overwrite: 1.5,
  destructiveEffect: 5,
  statedOverwrite: 5,
  statedSave: 5,
  joinedAction: 6,
  statedChange: 6,
  statedSend: 6,
  readQuery: 4,
  dryRunArgument: 2.5,
  mutatingSql: 2,
  examination: 4,
  generatedArtifact: 6,
  siblingDomain: 1,
  annotationReadOnly: 2,
  annotationWrite: 1,
  annotationDestructive: 1.5,
} as const;

/**
 * Verbs whose second call with the same arguments changes nothing more (MCP's idempotentHint): they set a
 * state rather than add to it. Create, add, append, send, run and the like are not here.
 */
export const IDEMPOTENT_VERBS = new Set(
  `set put update edit modify patch upsert replace overwrite rename move assign unassign tag label mark star
   unstar pin unpin like unlike follow unfollow subscribe unsubscribe enable disable activate deactivate
   configure register unregister archive unarchive restore close reopen lock unlock approve reject resolve
   unresolve mute unmute hide unhide block unblock ban unban mount unmount bind unbind grant revoke install
   uninstall delete remove rm rmdir del destroy drop purge wipe erase truncate terminate kill unset clear
   empty link unlink connect disconnect save store write sync refresh reload stop start resize scale
   navigate go focus select choose pick login logout signin signout authenticate`.split(/\s+/).filter(Boolean),
);

/** Verbs that say a tool handles a thing, not what it does to it: its operations say that. */
export const MANAGING_VERBS = new Set(["manage", "handle"]);

/**
 * Write verbs whose change is not additive (MCP's destructiveHint): what was there is replaced, not added to; a
 * rollback, a revert or an undo discards the changes made since; applying a plan, a patch, a migration or a style
 * changes what is there (applying a label only attaches one: ATTACHED_THINGS). Such a tool stays a write for policy
 * (an overwrite is a write) and is destructive in its hints. "alter": ALTER TABLE and ALTER VIEW change a definition in
 * place, and may drop what it had (a column). A ban or a kick removes a member from where they were (every real
 * server's hints that say so mark them destructive), but a job kicked off is started (hints.ts). An interrupt stops
 * work midway, and what it had done is lost.
 */
export const NON_ADDITIVE_VERBS = new Set(["replace", "overwrite", "rewrite", "reset", "rollback", "revert", "undo", "apply", "cancel", "abort", "reflash", "alter", "ban", "kick", "interrupt", "supersede"]);
/**
 * Verbs that change a thing in place: given the thing's new content (a `content` argument), such an update
 * replaces what was there, not additive in MCP's hints ("update_note" with content; a title or a state set alone is
 * an ordinary write).
 */
export const UPDATING_VERBS = new Set("update edit modify patch put set change".split(" "));
/**
 * Verbs that end something's running or published state: a service stopped, a browser closed, a machine restarted, a
 * user disabled, a page unpublished. What was running (its sessions, its memory, its reach) is gone, not added to: not
 * additive in MCP's hints, and most servers' own hints say so (on the GitHub set, by server: stop 82 to 57, close 61 to
 * 26, restart 28 to 14, disable 11 to 4, unpublish 6 to 0). A write for policy all the same. A stop, a close or a
 * disable only of one of RUNNING_THINGS; none of PASSING_THINGS (hints.ts).
 */
export const ENDING_VERBS = new Set("stop close restart reboot shutdown poweroff halt disable unpublish".split(" "));
/** What runs or holds what it serves: the objects a stop, a close or a disable ends non-additively. */
export const RUNNING_THINGS = new Set(
  `service services server servers process processes vm vms instance instances container containers pod pods kernel kernels
   session sessions tab tabs browser browsers page pages window windows app apps application applications project projects
   document documents workbook workbooks machine machines node nodes cluster clusters job jobs task tasks run runs agent agents
   sandbox sandboxes stack stacks deployment deployments runtime runtimes worker workers daemon daemons tunnel tunnels proxy
   terminal terminals connection connections position positions account accounts user users device devices computer computers
   gateway gateways router routers bot bots emulator emulators simulator simulators sim game games lab labs environment
   environments workspace workspaces thread threads pipeline pipelines execution executions engine engines queue queues
   canister canisters droplet droplets array host hosts core resolver dns flow flows workflow workflows monitor monitors key keys
   component components camera cameras firewall fw reader readers loop automation automations strategy strategies mock mocks
   study studies vpn webhook webhooks token tokens network networks interface interfaces port ports`.split(/\s+/),
);
/**
 * What an ending finishes and loses nothing by: a recording, a capture, a trace, a profile, a timer or a watch it hands
 * back ("stop_recording" makes the recording); an activity that leaves nothing behind (a playback, a song, an
 * animation, a typing indicator, speech, a vibration, a generation; and every -ing one: "stop_sharing", "restart_polling");
 * a piece of the screen (a dialog, a sidebar, a menu); a mode or a setting switched off (dark mode, the cache,
 * JavaScript, a breakpoint). Most servers' hints call such endings additive.
 */
export const PASSING_THINGS = new Set(
  `record recording recordings recorder capture captures trace traces profiler timer timers watch watching watcher
   screencast tracking logging sniffer playback animation animations orbit typing music speech vibration generation autoscroll
   highlight indicator video videos song songs sound sounds track tracks slideshow ringtone alarm countdown subtitles spinner sidebar
   panel panels dialog dialogs modal modals menu menus popup popups keyboard overlay tooltip toast drawer banner notification
   notifications mode theme cache javascript breakpoint breakpoints`.split(/\s+/),
);
/**
 * What says an ending loses nothing (lower-cased text): what it ran keeps its data ("Data is kept", "State is
 * preserved", "Attached volumes are kept"), it saves first ("letting it save first"), or the text calls it reversible;
 * in the other languages read most, what is kept ("云盘数据保留", "ディスクは保持され"). A denial before it ("No user data is
 * kept", "not reversible") is read where it is found (stated-effects.ts); "Logs are retained" keeps no data of what ran.
 */
export const ENDING_KEPT =
  /\b(?:(?:data|state|disks?|volumes?|configuration|config|settings|files?|contents?|outputs?|history|profiles?|work|progress|everything|responses|keys) (?:is|are|stays?|remains?|will be) (?:kept|preserved|retained|unaffected|intact|not affected|saved)|(?:stays?|remains?) installed|keeps? (?:its|their|the) (?:data|state|configuration|config|settings|history|contents?|files?|volumes?|disks?)|without (?:deleting|erasing|removing|losing)|(?<!non[- ]|\bir)reversible|no data is lost|(?:is|are|gets) saved first|(?<!without )(?:saves|saving|letting it save)(?: [a-z]+){0,3} first)\b|(?:数据|資料|磁盘|云盘|硬盘|配置|状态|狀態|ディスク|データ|設定|状態)(?:(?![不没無无未])[^。，、\s]){0,6}(?:保留|保持|残ります|残る|不会丢失|不會遺失|不受影响)(?!されません|されない|しません|できません)/;
/**
 * What says an ending can be done again, undone by its opposite ("can be reopened later", "until re-enabled", "start it
 * again"; "pode ser publicado novamente", "peut être republié"): said of a stop, a close or a disable, not of a restart,
 * whose own act it describes ("stop it and start it again").
 */
export const ENDING_AGAIN =
  /\b(?:(?:can|may) (?:still |always |later |then )?be (?:re-?opened|re-?enabled|re-?published|re-?activated|restarted|resumed|started again|opened again|enabled again|published again|decided later)|(?:start|turn|open) it (?:again|back on))\b|(?<!não |nao )(?:publicad|ativad|iniciad|reabert|habilitad)[oa]s? novamente|(?<!não |nao )pode(?:m)? ser (?:republicad|reativad|reabert|reiniciad)|(?<!\bne )peu(?:t|vent) être (?:republi|réactiv|rouvert|relancé)|(?<!\bnon )(?:può|possono) essere (?:riapert|riattivat|ripubblicat|riavviat)|(?<!nicht )wieder (?:öffnen|aktivieren|starten|veröffentlichen)/;
/** … and the re-enabling a disable waits for, which a denial before it ("will not run until re-enabled") confirms. */
export const UNTIL_REENABLED = /\b(?:until|once) re-?enabled\b/;
/** Verbs that, given a path and content, put the content at the path: whatever file was there is replaced. */
export const FILE_WRITING_VERBS = new Set(["write", "save"]);
/** What a restore puts in place of what is there: "restore_backup", "Restore the database from a snapshot". */
export const SNAPSHOTS = new Set("backup backups snapshot snapshots checkpoint checkpoints dump dumps version versions revision revisions".split(" "));

/**
 * Verbs of tools that work only on what they are given (MCP's openWorldHint false): computing, converting,
 * formatting, reasoning. A browser, a service or the web makes a tool open-world whatever its verb.
 */
export const LOCAL_VERBS = new Set(
  `calculate compute convert parse format lint validate tokenize think reason render visualize diff compare
   estimate explain summarize summarise translate echo encode decode hash`.split(/\s+/).filter(Boolean),
);

/**
 * Execute verbs that run something already there rather than whatever they are given: a build, a launch, a call of a
 * tool or a function, a workflow triggered. Without code, a command or SQL to run, such a tool is contained: an
 * execute for policy, not destructive in its hints (exec, eval, shell, script, deploy … stay open-ended).
 */
export const CONTAINED_RUN_VERBS = new Set("build compile launch call invoke trigger dispatch rerun run spawn".split(" "));
/** What a run's object names when the code run is the caller's choice: a package, a binary. */
export const RUNNABLE_CODE = new Set("package packages binary binaries executable executables".split(" "));
/** … in a description's lead, up to its first stop: "Run a Node.js package directly". */
export const RUNNABLE_CODE_LEAD = new RegExp(`^[^;:!?\\n]{0,60}?\\b(?:${[...RUNNABLE_CODE].join("|")})\\b`, "i");

/** Words before a run that make it another's, or none: "after you run the upload commands", "Does not run the game". */
const NOT_THIS_RUN =
  "(?<!\\b(?:after|before|when|once|without|instead\\s+of)\\s+(?:(?:you|we|they|the\\s+user)\\s+)?(?:(?:have|has)\\s+)?)(?<!\\b(?:not|never|cannot)\\s+(?:[a-z]+\\s+)?|n['’]t\\s+(?:[a-z]+\\s+)?)";
const CODE_DETERMINERS = "(?:(?:a|an|the|any|arbitrary|given|custom|raw|inline|provided|supplied|your|some|user|one|more|multiple|single)\\s+){0,3}";
/** What may follow the code word: the phrase ends there ("a code review" and "a command palette" are things of their own). */
const CODE_ENDS =
  "(?=\\s*(?:$|[.,;:!?()\"'`]|(?:in|on|and|or|against|inside|within|with|to|from|that|which|for|at|over|through|via|using|as|provided|given|supplied|then|directly|remotely|locally|strings?|snippets?|expressions?|code|commands?|statements?|scripts?)\\b))";

/**
 * Code given to run, stated in the description rather than an argument: a run or evaluate verb with at most three
 * plain words before the code it takes ("Evaluates a JavaScript expression in the page", "Runs the given Python
 * snippet", "Execute arbitrary shell commands"), or a run of code, commands or snippets named by up to three words of
 * their own ("run a development or validation command", "Executes the target project's test code"); not a run the
 * caller makes or one denied ("Use this after you have run the upload commands", "It does not itself run the project's
 * build commands", "cannot run the build commands", "instead of running custom scripts"). A script counts only as one
 * given, not as "the build script" or "the nightly backup script"; the code word must end the phrase.
 */
export const CODE_TO_RUN = new RegExp(
  `${NOT_THIS_RUN}\\b(?:(?:run|runs|running|execute|executes|executing|evaluate|evaluates|evaluating|eval|evals)\\s+${CODE_DETERMINERS}` +
    `(?:(?:javascript|js|typescript|python|bash|shell|powershell|ruby|lua|node\\.?js|code|snippets?|expressions?|commands?|statements?|sql)\\b|(?<!the\\s)scripts?\\b)${CODE_ENDS}` +
    `|(?:run|runs|running|execute|executes|executing)\\s+${CODE_DETERMINERS}` +
    `(?:(?!(?:for|of|in|on|to|from|with|against|at|by|into|over|through|across|and|then|that|which)\\b)[a-z]+(?:['’]s)?\\s+(?:or\\s+)?){1,3}?(?:code|commands?|snippets?)\\b${CODE_ENDS})`,
);

/** Verbs that are part of a fixed expression beside these words: "drag and drop" moves a thing, a "drop-down" is a menu. */
export const IDIOM_WORDS: ReadonlyMap<string, { before: ReadonlySet<string>; after: ReadonlySet<string> }> = new Map([
  ["drop", { before: new Set(["drag"]), after: new Set(["down", "zone", "target"]) }],
  // "mark_as_read", "mark_read": a state set, not a reading.
  ["read", { before: new Set(["mark", "as", "all"]), after: new Set() }],
  // "open_interest": the contracts outstanding in a futures market, a figure read.
  ["open", { before: new Set(), after: new Set(["interest"]) }],
]);

/**
 * Words that say data is lost, cannot be recovered or is deleted, in other languages (the phrase table reads ASCII words only):
 * French, Spanish, Portuguese, Italian, German, Dutch, Russian, Chinese, Japanese and Korean.
 */
export const IRREVERSIBLE_ELSEWHERE =
  /irr[ée]versib|irrevers[ií]vel|irreversibile|d[ée]finitivement|definitivamente|permanentemente|no se puede deshacer|no se puede recuperar|n[ãa]o pode ser desfeit|n[ãa]o pode ser recuperad|ne peut (?:pas )?[êe]tre (?:annul|r[ée]cup[ée]r|restaur)|non pu[òo] essere (?:annullat|recuperat|ripristinat)|unwiderruflich|endg[üu]ltig|dauerhaft gel[öo]scht|nicht r[üu]ckg[äa]ngig|nicht umkehrbar|kann nicht wiederhergestellt|onomkeerbaar|permanent verwijder|kan niet (?:ongedaan|worden hersteld)|безвозвратно|необратим|нельзя отменить|невозможно восстановить|не можна скасувати|неможливо відновити|无法撤销|不可撤销|无法恢复|不可恢复|无法撤回|不能撤销|不能恢复|無法復原|無法還原|無法撤銷|永久删除|(?:强制|強制|此操作|该操作|該操作|此命令|该命令)[^，,。；;不无無防避]{0,10}(?:导致|導致)(?:数据|數據)(?:丢失|丟失)|不可逆|元に戻せ(?:ません|ない)|元に戻すこと[^。]{0,10}でき(?:ません|ない)|取り消せ(?:ません|ない)|復元でき(?:ません|ない)|完全に削除|되돌릴 수 없|복구할 수 없|복원할 수 없|영구(?:적으로)? 삭제|geri al[ıi]namaz|iptal edilemez|n[ãa]o pode ser cancelad|no se puede cancelar|kann nicht storniert|无法取消|不能取消|取り消しできません|キャンセルできません|취소할 수 없|tidak (?:dapat|bisa) (?:dibatalkan|dikembalikan|dipulihkan)|không thể (?:hoàn tác|khôi phục)|nie można (?:cofnąć|przywrócić)|nieodwracaln|لا يمكن (?:التراجع|استرجاع|استعادة)|no es reversible|n[ãa]o [ée] revers[íi]vel|n'est pas r[ée]versible|non [èe] reversibile|(?<![a-z])se pierden?|ser[áa]n? perdid|(?:é|são) perdid|(?:est|sont) perdu|gehen? verloren|(?:va|vanno) pers[oie]|теряется|теряются|будет потерян|kaybolur|bị mất|保持されません|失われ|(?<!(?:방지|막기|않도록|않게|위해|않으면|충돌 시|충돌시)[^.。]{0,20})(?:저장하지 않은|저장되지 않은|미저장)\s?(?:변경|데이터|입력|내용|작업)[^.。]{0,10}(?:사라(?:진다|집니다|지며|지고|져)|(?:손실|유실)(?:된다|됩니다|되며))|(?<!(?:防止|避免|以免|免得|否则|否則|防ぐ|如果不|若不|崩溃时|崩潰時|崩溃后)[^。]{0,12})未(?:保存|儲存)的(?:更改|修改|改动|内容|數據|数据|變更|內容)(?:都|均)?(?:将会|將會|将|会|將|會)?(?:被)?(?:丢失|遺失|丢弃|丟棄)(?![^。]{0,4}[，,][^。]{0,12}前调用)/i;

/**
 * A removal another language states in passing ("Los archivos de origen se eliminan", "元ファイルは削除されます"): like
 * English "will be deleted", the text says the tool removes what it names.
 */
export const REMOVED_ELSEWHERE =
  /(?<![a-z])se (?:borra|elimina)|ser[áa]n? (?:eliminad|borrad)|(?:wird|werden) (?:gel[öo]scht|entfernt)|(?:est|sont|sera|seront) supprim|ser[áa]o? exclu[íi]d|(?:é|são|será|serão) (?:exclu[íi]d|removid|apagad)|(?:viene|verr[àa]|vengono|verranno) (?:eliminat|cancellat)|будет удал|будут удал|удаляется|удаляются|silinir|silinecek|kald[ıi]r[ıi]l[ıi]r|dihapus|bị x[oó]á|bị xóa|zostan(?:ie|ą) usunięt|(?:wordt|worden) verwijderd|将被删除|会被删除|被删除|被刪除|(?<!不)会删除|(?<!不)将删除|(?<!不)會刪除|(?<!不)將刪除|削除されます|削除され、|삭제됩니다|삭제되며|会被清空|将被清空|被清空|会被清除|が消去され|消去されます|سيتم حذف|يتم حذف/i;

/** Places named after removal: after a reading verb they are what it reads ("list_trash"), not a removal. */
export const REMOVAL_PLACES = new Set(["trash", "bin", "recyclebin", "purgatory"]);

/**
 * Where a thing moved is thrown away: REMOVAL_PLACES and their phrases ("to the trash", "into the Recycle Bin", "to
 * Deleted Items"). Not a bare "bin", as often a directory ("Move the binary to the bin folder").
 */
const TRASH_PLACES = [...[...REMOVAL_PLACES].filter((place) => place !== "bin"), "trashcan", "trash can", "recycle bin", "recycling bin", "rubbish bin", "wastebasket", "deleted items"];
/**
 * A first clause that moves or sends its object to a TRASH_PLACES place ending its phrase ("Move a file to the Recycle
 * Bin", "… to your Trash folder"), not one a place is named after ("to the trash-talk channel", "the trash depot").
 */
export const TRASHED = new RegExp(
  `^\\S+\\s+(?:\\S+\\s+){0,8}?(?:to|into)\\s+(?:(?:the|a|its|your|their|my|our)\\s+)?(?:system\\s+)?(?:${TRASH_PLACES.join("|")})(?:\\s+folder)?(?=\\s*$|\\s*[.,)]|\\s+(?:and|or|but|so|where|which|for|after|before|when|instead|without|with|by|unless|if)\\b)`,
);

/**
 * An overwrite, a replacement, an invalidation or a cancellation stated in another language: "上書きされます",
 * "整篇替换原有内容", "écrase le fichier existant", "la versión anterior no se conserva", "Key cũ bị vô hiệu hoá".
 * 覆盖 only as a verb of writing over ("会被覆盖", "覆盖已有文件", "若已存在则覆盖", "此操作会覆盖目标文件", "（覆盖模式）"): alone, or
 * "覆盖到", "将覆盖全国", "被覆盖", it is as often "cover" ("覆盖范围", "数据覆盖到 2024 年", "未被覆盖的代码行"). An invalidation
 * already made, before a noun, is a state the text filters by ("默认排除已失效记忆", "已作废的发票"), where one ending its
 * clause is the call's effect ("调用后旧令牌已失效。").
 */
export const OVERWRITE_ELSEWHERE =
  /上書き|置き換え|置換|(?:会|将|已)被[^。，,；;]{0,12}覆盖|(?:会|将)覆盖[^。，,；;]{0,8}?(?:文件|内容|记录|数据|配置|目标|当前|现有|已有|原有|同名|旧)|(?:或|并|则|强制|直接|全量|整体|force\s*)覆盖|(?:（|\(|以|用|使用|采用)覆盖模式|覆盖(?:已有|原有|现有|当前|目标|该|旧|同名|掉|写入|原|之前|先前)|覆寫|替换|替換|덮어쓰|대체됩니다|[ée]cras[ée]|sobrescri[bvt]|[üu]berschreib|[üu]berschrieben|sovrascri[vt]|перезапис|(?:wird|werden) ersetzt|(?:est|sont|sera|seront) remplac[ée]|(?:se|ser[áa]n?) reemplaza|(?:é|são|será|serão) substitu[íi]d|(?:viene|vengono|verr[àa]) sostituit|заменен|заменяются|(?:wordt|worden) vervangen|zastąpion|diganti|değiştirilir|bị thay thế|ghi đè|üzerine yaz|no se conserva|n[ãa]o (?:é|são) mantid|n'est pas conserv|nicht (?:beibehalten|aufbewahrt)|不保留|(?<!已)失效|已失效(?![\u4e00-\u9fff])|無効化され|무효화|vô hiệu|ung[üu]ltig|invalid[ée]|invalidad|unieważnion|недействительн|geçersiz|iptal edil|被取消|キャンセルされ|취소됩니다|(?<!已)作[废廢]|已作[废廢](?![\u4e00-\u9fff])|冲减|冲销|회수됩니다|회수되고|権限が剥奪|剥夺|(?:est|sont) annul[ée]|(?:se cancela|é cancelad)|wird storniert|viene annullat|отменяется|dibatalkan/i;

/** Running a command, a script or code stated in another language: "执行 Shell 命令", "コマンドを実行". */
export const EXECUTE_ELSEWHERE =
  /(?:执行|運行|运行|執行)[^。\n]{0,24}(?:命令|脚本|腳本|代码|代碼|sql)|(?:コマンド|スクリプト|コード|シェル)[^。\n]{0,6}実行|(?:명령|스크립트|코드)[^.\n]{0,4}실행|(?:ejecuta|exécute|executa|esegue|führt|выполняет|voert|wykonuje|menjalankan|çalıştırır|chạy) [^.\n]{0,24}(?:comando|commande|befehl|команд|opdracht|polecenie|perintah|komut|lệnh|script|skript|código|code|kode|kod)/i;

/** A save to a local place stated in another language: "path に保存", "输出到同目录", "下载…到本地", "에 저장합니다" (not に保存された, 에 저장된: saved there). */
export const SAVED_ELSEWHERE =
  /(?:ローカルに|に|へ)保存(?!された|済|されて|した)|保存(?:到|至|在)|输出到|輸出到|到本地|到本機|저장(?:합니다|됩니다)|에 저장(?!된|되는|되어|한)|enregistr[ée]e? dans|guardad[oa] en|salv[oa] em|gespeichert (?:in|unter)|сохраня(?:ет|ется) (?:[^\s.]+ ){0,3}?во?(?:\s|$)/;

/** An agent that acts on its own, named in a description: "autonomously", "agentic tasks", "a browser automation agent", "hand a coding task to an agent". */
export const AGENT_ACTS = /\b(?:autonomous(?:ly)?|agent(?:ic|ici|ique|ico|icos)|computer[- ]use|automation agent|coding agent|agent cli|cli agent|(?:task|tasks|work|job|jobs) (?:from [a-z -]{0,40} )?to (?:an?|the|your|another) (?!(?:support|human|available|next|live|sales|customer|service)\b)(?:[a-z-]+ ){0,2}agents?)\b/;
/** The values that switch an argument on: "true", "on", "supplied" … */
const SWITCH_VALUES = "true|yes|on|supplied|provided|given|set|passed|specified|enabled";
/**
 * An argument set to switch on an effect the description then states: "Set flush=true to …", "pass `save: true` to …",
 * "With analyze=true …", "If `policy` is supplied, …"; the switch's name is the first group.
 */
export const ARGUMENT_SWITCH = new RegExp(
  `(?:^|[\\s(;,.:])(?:set|sets|setting|pass|passing|use|with|if|when|add)\\s+[\`'"]?([a-z][a-z0-9_.-]*)[\`'"]?\\s*(?:=\\s*|:\\s*|\\s(?:to|is|are)\\s+)[\`'"]?(?:${SWITCH_VALUES})\\b[\`'"]?`,
  "g",
);
/**
 * An argument given, with no value, for what the tool then does: "Pass ``save_path`` to write the figure to a file",
 * "unless you give a target to write it to"; its name is the first group. The verb after "to" stands alone, where "pass
 * the revision to update_note" hands a value on to another tool.
 */
export const ARGUMENT_GIVEN = /(?:^|[\s(;,.:])(?:pass|passing|give|giving|provide|providing|supply|supplying)\s+(?:an?\s+|the\s+)?[`'"]*([a-z][a-z0-9_.-]*)[`'"]*(?:\s+\([^()]{0,60}\))?(?=\s+to\s+[a-z]+\b(?![_(]))/g;
/** A word without which ARGUMENT_GIVEN cannot match. */
export const GIVEN_CUE = /\b(?:pass|giv|provid|suppl)/;
/** Any switch's value set (ARGUMENT_SWITCH's values after "=", ":", "to", "is" or "are"): without one, no switch is read. */
export const SWITCH_CUE = new RegExp(`(?:[=:]|\\b(?:to|is|are))\\s*[\`'"]?(?:${SWITCH_VALUES})\\b`);
/** Switches that rehearse rather than act ("dryRun", "preview", "validate_only"): what they do is no effect of the tool. */
export const REHEARSAL_SWITCH = /dry|preview|simulat|validat|what_?if|check_?only|plan_?only|test_?only/;
/**
 * Verbs that after a switch shape the answer or lift a guard rather than change data ("pass pdg:true to also attach the
 * data flow", "force_new=true to override", "to skip the cache").
 */
export const SWITCHED_NO_EFFECT = new Set("attach embed annotate highlight override bypass skip ignore".split(" "));
/** Writes a switch is said to make happen in the passive that change stored data ("… is saved", "… are committed"). */
export const SWITCHED_STORES = new Set("write save store persist create update modify change commit publish post".split(" "));

/**
 * A reading that makes what it reads when it is missing ("Gets today's entry, creating an empty one if it doesn't exist
 * yet", "may create an empty checkout if none exists", "If the account has none yet, a new address is generated", "get
 * or create"): a write.
 */
export const GET_OR_CREATE =
  /\b(?:creat(?:es|ing)|(?:may|will|can) create|adds?|adding)\b[^.;]{0,60}?\bif (?:(?:it |one |none |the [a-z]+ )?(?:does not|doesn['’]t|do not|don['’]t) (?:yet )?exists?|none (?:yet )?exists?)\b|\bif (?:[a-z]+ ){0,3}(?:has|have) none(?: yet)?,?\s+(?:a )?new [a-z]+ (?:is|will be|gets) (?:created|generated|added)\b|\bget[- _]or[- _]create\b|\bor creates? (?:it|one)\b/;

/** Claims that nothing is changed, in other languages: "sin modificar nada", "senza modificare nulla", "只读". */
export const READ_ONLY_ELSEWHERE =
  /rien n'est (?:modifi|enregistr|sauvegard|stock|publi|cr[ée]|[ée]crit|envoy)|aucune? [^.]{0,30}n'est (?:modifi|enregistr|publi|cr[ée]|envoy)|lecture seule|nada se (?:guarda|modifica)|no se (?:guarda|almacena|crea|modifica|env[íi]a)|solo lectura|nada [ée] (?:salvo|alterado|gravado|modificado)|nenhuma altera|somente leitura|apenas leitura|es wird (?:nichts|kein\w*) [^.]{0,30}(?:gespeichert|erstellt|ge[äa]ndert|ver[öo]ffentlicht|gesendet)|nur lesend|schreibgesch[üu]tzt|ohne [^.]{0,30} zu (?:speichern|[äa]ndern|ver[äa]ndern|schreiben|senden)|nulla viene (?:salvato|modificato)|non viene (?:salvato|modificato|creato|inviato)|sola lettura|ничего не (?:сохраняет|создаёт|создает|отправляет)|не сохраняет|(?:ничего|никуда) не сохраняется|только для чтения|только чтение|nic nie jest (?:zapisywane|zmieniane)|nie (?:zapisuje|modyfikuje|rezerwuje|tworzy)|tylko do odczytu|er wordt niets (?:opgeslagen|gewijzigd)|wijzigt niets|slaat niets op|alleen[- ]lezen|tidak (?:mengubah|menyimpan|membuat)|hanya baca|de[ğg]i[şs]tirmez|kaydetmez|salt okunur|không (?:thay đổi|lưu|tạo)|chỉ đọc|دون (?:إرسال|حفظ|تعديل)|لا يتم (?:حفظ|تعديل|إرسال)|不会(?:创建|修改|保存|更改|删除|发送|扣费|真正发送)|不會(?:修改|儲存|建立)|唯讀|(?:作成|変更|保存|更新|削除|送信)されません|(?:作成|変更|保存)しません|(?:저장|변경|생성|전송)되지 않(?!은)|수정하지 않(?!은)|(?:変更|削除|更新|操作)(?:は|を)行いません|不执行任何|不會執行|不做任何(?:修改|更改)|仅预览|只预览|仅查询|只查询|변경(?:은|을)? 하지 않(?!은)|(?:삭제|변경)되는 것은 없|sans (?:rien )?modifier|ne modifie (?:pas|rien)|non registra nulla|non salva|non modifica|n[ãa]o altera|keine dateien (?:werden )?geschrieben|werden keine dateien|no modifica|n[ãa]o modifica|[äa]ndert nicht|не изменяет|不会保存|不保存|只返回|仅返回|何も(?:削除|変更|保存)しません|sin modificar|sem (?:nada )?modificar|senza modificare|ohne (?:etwas )?zu (?:ändern|verändern)|nichts (?:wird )?ge(?:ändert|schrieben)|не изменяя|ничего не изменя|只读|不会修改|不修改|読み取り専用|変更しません|읽기 전용|변경하지 않(?!은)/i;

/** Words after a removal stated in another language that make it a retention policy: "ils sont supprimés automatiquement". */
export const AUTOMATIC_ELSEWHERE = /automati|autom[áa]tica|自动|自動|자동/;
/** … and words before one that put it later: "30日後に削除されます", "30일 후에 삭제됩니다", "dopo 30 giorni". */
export const LATER_ELSEWHERE = /後に|후에|之后|以后|dopo|despu[ée]s|apr[èe]s|nach|через|sonra|setelah|sau khi|po /;

/**
 * Words that say a change keeps what it replaced: then it is additive, whatever its verb ("The current state is first
 * saved as a new version, so nothing is lost", "Prior content is kept as a revision"), as does a partial update that
 * says so ("Only provided fields are changed", "omitted fields keep their current values").
 */
export const KEEPS_PRIOR = /\b(?:nothing is lost|can be undone|is kept as an? (?:new )?(?:version|revision|snapshot|backup)|are kept as (?:new )?(?:versions|revisions)|saved as an? new (?:version|revision)|(?:remains?|stays?|is kept|are kept) in (?:the |its |their )?(?:[a-z'’]+ )?(?:history|revisions|version history)|(?:is|are) (?:never|not) overwritten|(?:is|are) (?:left )?untouched|(?:is|are) not touched|(?:data|contents?|material) (?:is|are) unchanged|only (?:the )?(?:provided|given|specified|supplied|passed|included) (?:fields|keys|properties|attributes) (?:are )?(?:changed|change|updated|modified)|omitted (?:fields|keys|arguments|properties|attributes) (?:keep|are preserved|are kept|remain|stay|are left)|keep (?:their|its) current values?)\b/;

/** Severity order for "the most dangerous thing this tool can do". */
export const SEVERITY: Record<Category, number> = { read: 0, write: 1, execute: 2, financial: 3, destructive: 4 };

/**
 * Arguments that choose which of several actions a consolidated tool performs, most telling first:
 * `{"method": {"enum": ["list", "create", "delete"]}}`. `command` comes last because it is as often
 * a raw shell command as an action name (then it has no enum and is a raw-language argument).
 */
export const ACTION_ARGUMENTS = ["action", "method", "operation", "op", "verb", "command"] as const;

/** Words that name a consolidated tool's whole family of actions (`label_write`, `pg_manage_functions`), not one of them. */
export const CONSOLIDATING_WORDS = new Set("read write get list manage management ops operation operations action actions execute run crud admin tool tools".split(" "));

/** A query argument's language by the words around it (its description, the tool's): checked in order. */
export const QUERY_LANGUAGES: readonly [language: "sql" | "graphql" | "query-dsl", words: RegExp][] = [
  ["graphql", /\bgraphql\b/],
  ["sql", /\b(?:sql|select|postgres(?:ql)?|mysql|sqlite|bigquery|snowflake|clickhouse|duckdb|mssql|t-?sql|pl\/?sql)\b/],
  ["query-dsl", /\b(?:cypher|promql|logql|jql|kql|lucene|elasticsearch|opensearch|mongodb|mongo|sparql|xpath|jsonpath|jmespath|jq)\b/],
];

/**
 * Text that limits what a raw-language argument may do ("read-only queries", "SELECT only"). A limit
 * counts only when no write keyword sits beside it ("SELECT, INSERT or DELETE" limits nothing).
 */
export const RAW_LIMIT_PHRASES: readonly RegExp[] = [
  /\bread[- ]only\b/,
  /\bselect (?:queries|query|statements?) only\b/,
  /\bonly (?:select|read|read-only|readonly)\b/,
  /\b(?:execute|run|executes|runs) (?:a |an )?(?:select|read-only|readonly) (?:queries|query|statements?)\b/,
  /\bselect (?:queries|statements) and data retrieval\b/,
  /\b(?:does not|cannot|can't|will not|won't) (?:modify|write|change|alter)\b/,
  /\bno (?:writes|modifications|mutations|ddl|dml)\b/,
  // A query in a language that only reads ("PromQL query or metric name").
  new RegExp(`\\b(?:${READ_ONLY_QUERY_LANGUAGES.join("|")})\\b`),
];
export const RAW_WRITE_WORDS = /\b(?:insert|update|delete|drop|alter|truncate|create|grant|revoke|mutation|mutations|merge|upsert)\b/;

/**
 * Capability facets (toxic flows): words of a tool's name or description that say what it touches,
 * with the categories the tool must have for the facet to count. Reading an issue is an untrusted
 * source; creating one is an outward sink.
 */
export const FACET_WORDS = {
  /** Content anyone outside can write: the web, mail, issues, tickets, chats, comments. */
  untrusted: "web url urls page pages website browse browser fetch scrape crawl html search email emails mail mails inbox message messages issue issues ticket tickets comment comments discussion discussions review reviews pull pr prs post posts tweet tweets feed rss chat chats channel channels notification notifications thread threads",
  /** The user's own data: files, mail, databases, secrets, documents, repositories' contents. */
  private: "file files content contents directory directories folder repo repository repositories code source email emails mail mails inbox database databases db sql query table tables record records row rows secret secrets password passwords credential credentials token tokens key keys env document documents doc docs drive calendar contact contacts note notes customer customers user users account accounts private",
  /** Channels out: HTTP, mail, messages, public posts. */
  sink: "send post publish share upload http request requests webhook webhooks email mail message messages comment comments reply issue issues pull pr gist tweet notify notification slack post posts",
} as const;
