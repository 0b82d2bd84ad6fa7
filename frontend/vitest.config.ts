import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: {
    jsx: { runtime: 'automatic' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    // Not UTC, so that a label drawn in local time instead of UTC shows up.
    env: { TZ: 'America/Los_Angeles' },
  },
});
