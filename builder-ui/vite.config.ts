import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The schemas package compiles its definition validators with ajv when imported. ajv generates
// code, which the server's Content-Security-Policy (script-src 'self') forbids in the browser;
// the UI uses only pure parts of it (evaluate, FIELD_TYPES, form keywords), so its modules are
// marked side-effect free and the validators are left out of the bundle.
const schemasSource = /[\\/]schemas[\\/]src[\\/]/

// The server serves builder-ui/dist in production; in development vite proxies the API so the
// session cookie stays same-origin.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      treeshake: { moduleSideEffects: (id: string) => !schemasSource.test(id) },
    },
  },
})
