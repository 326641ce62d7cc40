import { defineConfig } from 'vitest/config';
import { base, projects } from './vitest.config.js';

/** Every test, the slow ones too (`npm run test:all`, what CI runs). */
export default defineConfig({
  test: { ...base, projects: projects([]) },
});
