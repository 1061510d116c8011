// Runs Azurite as the child process of a program that stops it by closing this process's standard
// input (functions/Orchestrator.Local/Storage/AzuriteServer.cs). Closing a pipe works the same on
// Linux, macOS and Windows, where a program has no SIGTERM to send; it also stops Azurite when
// its parent dies without warning. Either way Azurite's own SIGTERM handler runs: it closes its
// servers and saves its data in --location. The arguments are Azurite's own.
"use strict";

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => { stopping = true; });

function stop() {
  if (stopping) return; // a signal (Ctrl+C reaches the whole process group) already started the shutdown
  stopping = true;
  process.emit("SIGTERM", "SIGTERM");
}

process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();
// Azurite's servers keep the process alive; standard input must not once they have closed.
if (typeof process.stdin.unref === "function") process.stdin.unref();

require("azurite/dist/src/azurite.js");
