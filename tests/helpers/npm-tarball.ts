// A package tarball as `npm pack` lays it out (gzipped ustar, every file under package/), written in-process: the tests
// that install or serve a tiny package pay for neither an npm process (about a second of CPU each) nor its files on disk.
import { gzipSync } from "node:zlib";

/** One 512-byte ustar header for a regular file; `path` must fit the 100-byte name field. */
function header(path: string, size: number, mode: number): Buffer {
  const h = Buffer.alloc(512);
  const octal = (n: number, width: number) => n.toString(8).padStart(width - 1, "0") + "\0";
  if (Buffer.byteLength(path) > 100) throw new Error(`tar path longer than 100 bytes: ${path}`);
  h.write(path, 0, 100, "utf8");
  h.write(octal(mode, 8), 100, 8, "ascii");
  h.write(octal(0, 8), 108, 8, "ascii"); // uid
  h.write(octal(0, 8), 116, 8, "ascii"); // gid
  h.write(octal(size, 12), 124, 12, "ascii");
  h.write(octal(0, 12), 136, 12, "ascii"); // mtime
  h.write("        ", 148, 8, "ascii"); // the checksum counts its own field as spaces
  h.write("0", 156, 1, "ascii"); // a regular file
  h.write("ustar\u000000", 257, 8, "ascii");
  const sum = h.reduce((a, b) => a + b, 0);
  h.write(octal(sum, 7) + " ", 148, 8, "ascii");
  return h;
}

/** `package.json` from `manifest` (license MIT unless it says otherwise) and `files`, each executable, as a .tgz. */
export function npmTarball(manifest: Record<string, unknown>, files: Record<string, string>): Buffer {
  const entries = { "package.json": JSON.stringify({ license: "MIT", ...manifest }, null, 2), ...files };
  const blocks: Buffer[] = [];
  for (const [name, text] of Object.entries(entries)) {
    const body = Buffer.from(text);
    blocks.push(header(`package/${name}`, body.length, 0o755), body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024)); // two empty blocks end the archive
  return gzipSync(Buffer.concat(blocks));
}
