import { defineConfig } from 'vite';

// Maven (exec-maven-plugin) sets CASCADE_FRONTEND_OUT_DIR to ${project.build.outputDirectory}/static,
// so the jar carries static/index.html and Spring Boot serves the app at /.
const outDir = process.env.CASCADE_FRONTEND_OUT_DIR || 'target/classes/static';

// Dev server: `npm run dev` proxies the backend running on localhost:8080.
const backend = process.env.CASCADE_BACKEND_URL || 'http://localhost:8080';

export default defineConfig({
  // No React plugin: Vite compiles TSX natively; tsconfig "jsx": "react-jsx" selects the automatic runtime.
  oxc: {
    jsx: { runtime: 'automatic' },
  },
  base: '/',
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      // TanStack Query marks its modules "use client" for React Server Components; a browser bundle needs no marker.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/api': backend,
      '/login': backend,
      '/logout': backend,
    },
  },
});
