// Runs Azurite as the child process of a program that stops it by closing this process's standard
// input (functions/Orchestrator.Local/Storage/AzuriteServer.cs). Closing a pipe works the same on
// Linux, macOS and Windows, where a program has no SIGTERM to send; it also stops Azurite when
// its parent dies without warning. Either way Azurite's own SIGTERM handler runs: it closes its
// servers and saves its data in --location. The arguments are Azurite's own.
"use strict";

// Azurite closes its three services on SIGINT/SIGTERM but leaves the process running (something of
// its own keeps the event loop alive), so a parent that died would leave it behind for good: exit
// once all three say they have closed, which is after each saved its data.
const services = 3;
let closed = 0;
const log = console.log.bind(console);
console.log = (...args) => {
  log(...args);
  if (/service successfully closed/.test(String(args[0])) && ++closed === services) process.exit(0);
};

// Azurite adds its own SIGINT/SIGTERM handlers only once its three services listen. Asked to stop
// before that, it has written nothing yet and would not stop: exit at once.
const azuriteListens = () => process.listenerCount("SIGTERM") > 1; // its handler and ours

let stopping = false;
function beginStop() {
  if (!azuriteListens()) process.exit(0);
  if (stopping) return false;
  stopping = true;
  // Should a service never say it closed, do not linger either (what it had not saved is lost).
  setTimeout(() => process.exit(1), 30000).unref();
  return true;
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, beginStop);

function stop() {
  // A signal (Ctrl+C reaches the whole process group) may already have started the shutdown.
  if (beginStop()) process.emit("SIGTERM", "SIGTERM");
}

process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();
// Azurite's servers keep the process alive; standard input must not once they have closed.
if (typeof process.stdin.unref === "function") process.stdin.unref();

require("azurite/dist/src/azurite.js");
