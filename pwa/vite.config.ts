import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** The short commit the build came from, when built from a git checkout. */
function commit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return '';
  }
}

/** Modules only the office's dashboard and map load (by dynamic import), and their CSS. */
const OFFICE_ONLY =
  /node_modules\/(echarts|zrender|leaflet)\/|\/src\/(pages\/office\/(Dashboard|Map)\.tsx|components\/office\/(Chart|MapView)\.tsx|api\/dashboard\.ts|lib\/(charts|map)\.ts|styles\/dashboard\.css)/;
const OFFICE_CSS = ['Dashboard.css', 'Map.css', 'dashboard.css'];

// The Flask server serves dist/index.html at / (and any other non-/api path) and the built
// files under /assets/, so the app is built for the site root.
// The service worker (src/sw.ts → dist/sw.js) precaches everything the build emits; the app
// registers it itself (src/lib/sw-update.ts) and keeps our own public/manifest.webmanifest.
export default defineConfig({
  base: '/',
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
    __APP_BUILD__: JSON.stringify(
      `${new Date().toISOString().slice(0, 10)}${commit() ? ' · ' + commit() : ''}`,
    ),
  },
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,svg,ico,webmanifest}'],
        // the office's charts and map (ECharts, Leaflet) need the network anyway: not precached
        globIgnores: ['assets/office/**'],
      },
    }),
  ],
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
    rolldownOptions: {
      output: {
        // chunks reached only from the office's dashboard and map go to assets/office/
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => OFFICE_ONLY.test(id))
            ? 'assets/office/[name]-[hash].js'
            : 'assets/[name]-[hash].js',
        // their CSS chunks are named after them (Map.tsx → Map.css, styles/dashboard.css)
        assetFileNames: (asset) =>
          asset.names.some((name) => OFFICE_CSS.includes(name))
            ? 'assets/office/[name]-[hash][extname]'
            : 'assets/[name]-[hash][extname]',
      },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['tests/**/*.test.{ts,tsx}'],
    testTimeout: 15000,
  },
});
