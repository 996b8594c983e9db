#!/usr/bin/env node
// `npm start`: build first when there is no production build yet, then serve it
// with scripts/server.mjs (configured as lib/config.mjs reads it: PORT, HOSTNAME, LOG_REQUESTS, …).
import path from "node:path";
import { ensureBuild } from "./ensure-build.mjs";

const root = path.resolve(import.meta.dirname, "..");
ensureBuild(root);

// The production server (scripts/server.mjs) runs in this process: SIGTERM and
// SIGINT reach its graceful shutdown directly, with no child to forward them to.
// From the project root, as `next start` ran before: CACHE_DIR, the worker bundle
// and SEARCH_INDEX_FILE resolve against the working directory.
process.chdir(root);
await import("./server.mjs");
