import { evaluate, type Score } from "./evaluate";

/** `npm run eval`: prints each command's accuracy on the gold set, and what it got wrong. */
const report = await evaluate();
const percent = (score: Score) => (score.total === 0 ? "n/a" : `${((100 * score.right) / score.total).toFixed(1)}%`);
const rows: Array<[string, Score]> = [
  ["who-said (exact quotes)", report.whoSaid],
  ["who-said (with a typo)", report.whoSaidTypos],
  ["who-said (case, marks, punctuation)", report.whoSaidVariants],
  ["who-said (absent: no speaker named)", report.absent],
  ["ask (right passage on top)", report.ask],
  ["position (resolved, passages found)", report.position],
];
for (const [name, score] of rows) console.log(`${name.padEnd(40)} ${String(score.right).padStart(3)}/${String(score.total).padEnd(3)} ${percent(score)}`);
const failures = rows.flatMap(([name, score]) => score.failures.map((failure) => `  ${name}: ${failure}`));
if (failures.length > 0) console.log(`\nWrong:\n${failures.join("\n")}`);
