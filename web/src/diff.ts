// A word diff of two versions of a draft, for the approver: what was added and what was removed.

export type DiffPart = { op: "same" | "added" | "removed"; text: string };

/** Words with the whitespace after them, so joining the parts gives the text back. */
function tokens(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/**
 * Longest common subsequence of words. Drafts are short (a few hundred words), so the plain
 * O(n·m) table is fast enough; beyond 2,000 × 2,000 words the whole text is shown as replaced.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length * b.length > 4_000_000) {
    return [
      { op: "removed", text: before },
      { op: "added", text: after },
    ];
  }
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: common words of a[i..] and b[j..], compared without trailing whitespace.
  const key = (s: string) => s.trimEnd();
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      (lcs[i] as Uint16Array)[j] =
        key(a[i] as string) === key(b[j] as string)
          ? (lcs[i + 1] as Uint16Array)[j + 1]! + 1
          : Math.max((lcs[i + 1] as Uint16Array)[j]!, (lcs[i] as Uint16Array)[j + 1]!);
  const parts: DiffPart[] = [];
  const push = (op: DiffPart["op"], text: string) => {
    const prev = parts[parts.length - 1];
    if (prev && prev.op === op) prev.text += text;
    else parts.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (key(a[i] as string) === key(b[j] as string)) {
      push("same", b[j] as string);
      i++;
      j++;
    } else if ((lcs[i + 1] as Uint16Array)[j]! >= (lcs[i] as Uint16Array)[j + 1]!) {
      push("removed", a[i++] as string);
    } else {
      push("added", b[j++] as string);
    }
  }
  while (i < n) push("removed", a[i++] as string);
  while (j < m) push("added", b[j++] as string);
  return parts;
}
