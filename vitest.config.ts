import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // Every test gets a temporary KIT_HOME: nothing reads or writes the user's ~/.kit.
    setupFiles: ['test/setup.ts'],
  },
});
