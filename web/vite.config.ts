import react from '@vitejs/plugin-react'
import { defineConfig, loadEnv } from 'vite'

const root = new URL('.', import.meta.url).pathname

export default defineConfig(({ mode }) => {
  // `npm run dev:web` proxies the API to a running `waka server` (WAKA_URL, default :8080)
  const api = loadEnv(mode, root, '')['WAKA_URL'] ?? 'http://127.0.0.1:8080'
  return {
    root,
    base: '/',
    plugins: [react()],
    build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
    server: {
      proxy: {
        // the server accepts state changes only from its own origin
        '/api': { target: api, changeOrigin: true, headers: { origin: new URL(api).origin } },
      },
    },
  }
})
