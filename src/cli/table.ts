// Plain-text tables for the terminal, with cells wrapped to a width.

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (!line) line = word;
      else if (line.length + 1 + word.length <= width) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
      while (line.length > width) {
        lines.push(line.slice(0, width));
        line = line.slice(width);
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Renders rows under a header; `widths` caps each column (text wraps inside it). */
export function renderTable(header: string[], rows: string[][], widths: number[]): string {
  const cols = header.length;
  const actual = Array.from({ length: cols }, (_, i) =>
    Math.min(
      widths[i] ?? 30,
      Math.max(
        ...[header, ...rows].map((r) => Math.max(...(r[i] ?? "").split("\n").map((l) => l.length))),
      ),
    ),
  );
  const renderRow = (row: string[]): string[] => {
    const cells = actual.map((w, i) => wrap(row[i] ?? "", w));
    const height = Math.max(...cells.map((c) => c.length));
    return Array.from({ length: height }, (_, k) =>
      cells
        .map((c, i) => (c[k] ?? "").padEnd(actual[i] as number))
        .join("  ")
        .trimEnd(),
    );
  };
  const rule = actual.map((w) => "─".repeat(w)).join("  ");
  return [...renderRow(header), rule, ...rows.flatMap(renderRow)].join("\n");
}
