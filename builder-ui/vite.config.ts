import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The server serves builder-ui/dist in production; in development vite proxies the API so the
// session cookie stays same-origin.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
})
