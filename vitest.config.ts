import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Two cores: forks keep the end-to-end servers of different files apart.
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
