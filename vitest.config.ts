import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    pool: "threads",
    // Much of the suite waits on other processes (the CLI run as a subprocess, Chromium, the
    // PostgreSQL server): two files at a time even on two cores, where the default would run one.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
