// Builds the browser desk into web/dist; the server serves that folder (src/http/web.ts).
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Hashed names let the server cache assets for a year and never cache index.html.
    assetsDir: "assets",
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev:web` beside `npm start`: the API stays same-origin through the proxy.
    proxy: { "/api": "http://127.0.0.1:3000" },
  },
});
