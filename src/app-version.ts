/**
 * The app's version (package.json), for the provenance of exported documents. A JSON import works
 * in the Vite build, the esbuild-bundled CLI and Vitest alike; only the one field is bundled.
 */
import { version } from '../package.json';

export const APP_VERSION: string = version;
