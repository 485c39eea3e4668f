// Real tool texts as their servers' authors wrote them in public source (a tool's description or one argument's), each
// with where it was read: benign examples for the learned injection reader, of the two kinds it flagged most without
// them — texts in other languages (the poisoned examples hold many foreign sentences, the corpus's texts are nearly all
// English) and English texts that speak to the model (when to call, what to confirm with the user, how secrets and
// sessions are handled). Harvested from the public-code index, never from a file or repository of the GitHub set nor an
// evaluation package.
import { z } from "zod";
import { readJsonLines } from "../eval/jsonl.js";

export const REAL_BENIGN_PATH = "scripts/dev/train/injection/real-benign.jsonl";

const realBenignSchema = z
  .object({
    /** The public-code index's id of the stored file the text is read from. */
    indexId: z.string().regex(/^\d+$/),
    /** owner/repo, or the module or package the file names, or `index:<file id>`. */
    repo: z.string().min(1),
    path: z.string().min(1).nullable(),
    /** ISO 639-1. */
    language: z.string().regex(/^[a-z]{2}$/),
    tool: z.string().min(1),
    /** The argument whose description it is; null for the tool's own description. */
    argument: z.string().min(1).nullable(),
    text: z.string().min(20),
  })
  .strict();
export type RealBenignText = z.infer<typeof realBenignSchema>;

export function readRealBenign(path: string): RealBenignText[] {
  return readJsonLines(path, (item) => realBenignSchema.parse(item));
}
