import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress.ts';

// The platform server; override with WANGGE_API_URL when it runs elsewhere.
const backend = process.env.WANGGE_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  // precompress: <file>.br and <file>.gz beside each built file, sent as they are by the server.
  plugins: [react(), precompress()],
  base: '/',
  server: {
    port: 5173,
    proxy: {
      '/api': { target: backend, changeOrigin: false, ws: true },
      '/ogc': { target: backend, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // Three pages: the desktop console (index.html), the field app for grid workers (m.html, /m)
      // and the resident app (r.html, /r).
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        m: fileURLToPath(new URL('./m.html', import.meta.url)),
        r: fileURLToPath(new URL('./r.html', import.meta.url)),
      },
      output: {
        codeSplitting: {
          // Groups for the libraries every screen needs as a whole. antd has none: one antd group
          // (1.3 MB) was loaded whole by the login page and, through shared rc-* helpers, by /m;
          // left to the splitter, each page's chunks carry the antd components it uses.
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl/, priority: 3 },
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/,
              priority: 2,
            },
          ],
        },
      },
    },
  },
});
