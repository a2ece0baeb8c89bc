// An SSR build bundling every dependency (ssr.noExternal), the way a serverless deploy does.
export default {
  build: { ssr: "src/server.js", outDir: "dist-ssr" },
  ssr: { noExternal: true },
};
