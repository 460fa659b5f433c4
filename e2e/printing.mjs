// Printing as a reader of the paper sees it: Chromium prints the page to an A4
// PDF the way "Skriv ut" would (print media), poppler's pdftotext reads it
// back. The PDFs live in a temporary directory removed after the test file.

import { before, after } from 'node:test';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * For a test file: a temporary directory for its PDFs, made before its tests
 * and removed after. Returns an object whose `dir` is set once tests run.
 */
export function paperDir(prefix) {
  const paper = {};
  before(async () => {
    paper.dir = await mkdtemp(path.join(tmpdir(), prefix));
  });
  after(async () => {
    if (paper.dir) await rm(paper.dir, { recursive: true, force: true });
  });
  return paper;
}

/** Prints the page to an A4 PDF in `dir`; its text (reading order), page count and file. */
export async function printToPdf(page, dir, name) {
  const file = path.join(dir, `${name}.pdf`);
  await page.pdf({ path: file, format: 'A4', printBackground: true });
  const { stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const { stdout: info } = await run('pdfinfo', [file]);
  return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)[1]), file };
}

/**
 * Text as comparable across line breaks: pdftotext breaks lines where the
 * paper did and joins a word split at a hyphen, so white space and hyphens
 * are dropped from both sides before comparing.
 */
export const comparable = (text) => text.replace(/[\s\u00ad\-‐‑–]+/g, '');
