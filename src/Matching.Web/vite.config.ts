import { defineConfig } from 'vite';

// The workbench is built into dist/ and served by Matching.Host from its wwwroot (the host's
// project file runs `npm run build` and copies dist/ into the output). `npm run dev` proxies the API
// and the hub to a host started with `dotnet run --project src/Matching.Host`.
const host = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.MATCHING_HOST ?? 'http://localhost:5080';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No inline base64 assets and no source of third-party code at run time: everything is local.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    rollupOptions: {
      // @microsoft/signalr's ESM build carries /*#__PURE__*/ comments Rollup cannot place; harmless.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('@microsoft/signalr')) return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/api': host,
      '/hubs': { target: host, ws: true },
    },
  },
});
