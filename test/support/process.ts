import { spawn } from "node:child_process";
import path from "node:path";

/** The project's folder, where scripts run from. */
export const ROOT = path.resolve(import.meta.dirname, "../..");

/** What a script printed, and how it ended. */
export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the project's TypeScript files as its own process, as `npm run` would (without
 * npm in between), with `stdin` as its input, and resolves once it has exited.
 */
export function runScript(script: string, args: readonly string[] = [], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, env: options.env ?? process.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}
