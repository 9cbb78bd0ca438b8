// Bundles the DAG editor island into ../wwwroot/dist; AiFlow.Web.csproj runs this when the sources change.
// Always minified React (production), no source maps: the bundle is served as a static web asset in every configuration.
import { build } from 'esbuild';

await build({
  entryPoints: { 'dag-editor': 'src/index.tsx' },
  outdir: '../wwwroot/dist',
  bundle: true,
  format: 'iife',
  target: ['es2022'],
  minify: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  jsx: 'automatic',
  logLevel: 'warning',
});
