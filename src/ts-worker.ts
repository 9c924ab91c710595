import { Worker } from "node:worker_threads";

/**
 * Starts a worker thread on a TypeScript module, run through tsx like the rest of the project
 * (there is no build step, so a worker cannot be pointed at a .js file).
 * @param module the worker's module, e.g. `new URL("./build-worker.ts", import.meta.url)`
 * @param workerData what the worker reads from `workerData` (structured-cloned)
 */
export function startTsWorker(module: URL, workerData: unknown): Worker {
  const tsx = import.meta.resolve("tsx/esm/api");
  const target = module.href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => api.tsImport(${JSON.stringify(target)}, ${JSON.stringify(target)}))`, {
    eval: true,
    workerData,
  });
}
