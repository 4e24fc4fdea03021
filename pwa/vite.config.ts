import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// The Flask server serves dist/index.html at / (and any other non-/api path) and the built
// files under /assets/, so the app is built for the site root.
export default defineConfig({
  base: '/',
  plugins: [preact()],
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    target: 'es2020',
  },
  test: {
    environment: 'happy-dom',
    include: ['tests/**/*.test.{ts,tsx}'],
    testTimeout: 15000,
  },
});
