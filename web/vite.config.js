// Builds the SPA that `dangan serve` serves at /. The output folder comes from
// `npm run build -- --outDir DIR` (CMake passes BUILD/web) or defaults to dist/.
// Everything ends up as same-origin files: the strict CSP (no inline script or
// style, no eval) forbids anything else.
import { cpSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// pdf.js fetches character maps (CJK fonts that are not embedded) and the 14
// standard fonts at run time; ship them beside the app so nothing comes from
// the internet.
function copyPdfjsData() {
  let outDir;
  return {
    name: 'dangan-copy-pdfjs-data',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const dir of ['cmaps', 'standard_fonts']) {
        const from = resolve('node_modules/pdfjs-dist', dir);
        if (existsSync(from)) cpSync(from, resolve(outDir, 'pdfjs', dir), { recursive: true });
      }
    },
  };
}

export default defineConfig({
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  plugins: [copyPdfjsData()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // The pdf.js worker is a .mjs file; name it .js so that any static
        // server sends it as JavaScript (module workers need a JS MIME type).
        assetFileNames: (info) =>
          (info.names?.[0] ?? info.name ?? '').endsWith('.mjs')
            ? 'assets/[name]-[hash].js'
            : 'assets/[name]-[hash][extname]',
      },
    },
  },
});
